// More than one accept per event-loop turn, for a web process that is saturated when a crowd
// of new connections arrives (reporting day: everyone opens the reports at once).
//
// Since libuv 1.45 (Node 20), a listening socket accepts ONE connection per loop turn
// (libuv PR #3696, "unix: don't accept() connections in a loop"). A turn of a saturated
// process serves every ready request first, so a burst of N new connections waits ~N turns of
// growing length: 200 connections arriving at once at a process spending ~80 µs per request
// were accepted over 1.7–3.4 s (`ss -ltn` showed the accept queue draining ~1 per 10 ms), and
// each one's first request waited that long. wrk corrects its latencies for coordinated
// omission, so those 200 slow first requests became its whole p99 at 200 clients (1.1–1.2 s,
// while a packet capture showed every later request answered within 50 ms).
//
// The cure is more listening descriptors for the same socket: each is its own epoll entry and
// accepts one connection per turn, so k of them accept k per turn. Node 20 has no `reusePort`
// and no dup(); a descriptor sent over an IPC channel arrives as a new one (SCM_RIGHTS), so a
// short-lived helper process receives the listening handle and sends it back k − 1 times. The
// raw handle is sent (not a net.Server), so the helper never listens on it and never accepts a
// connection itself. The new descriptors' connections are handed to the one http.Server
// (`emit('connection')`, Node's documented way to inject a socket), so its keep-alive,
// timeouts and connection tracking cover them all. When the queue is empty none of them is
// readable; one new connection costs k − 1 accept() calls that answer EAGAIN.
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';

/** The helper: send the handle back `count` times, close its own copy when told. */
const HELPER = `
process.once('message', (_m, handle) => {
  const count = Number(process.argv[1]);
  for (let i = 0; i < count; i++) process.send('accept-handle', handle);
  process.once('message', () => { handle.close(); process.disconnect(); });
});`;

export interface AcceptHandles {
  /** Listening servers added (their connections go to the main server); `count - 1`. */
  readonly extra: readonly net.Server[];
  close(): void;
}

/**
 * Gives the listening `server` `count - 1` more descriptors of its socket (so `count` accepts
 * per loop turn). Resolves with none when `count` ≤ 1 or the helper fails — one descriptor
 * still works, only slower to accept under load — and reports why through `onError`.
 */
export async function addAcceptHandles(
  server: net.Server,
  count: number,
  options: { backlog?: number; onError?: (error: Error) => void; timeoutMs?: number } = {},
): Promise<AcceptHandles> {
  const { backlog = 511, onError = () => undefined, timeoutMs = 5_000 } = options;
  const wanted = Math.max(0, Math.floor(count) - 1);
  const handle = (server as unknown as { _handle?: unknown })._handle;
  if (wanted === 0 || !handle || !server.listening) return closeAll([]);
  const helper: ChildProcess = spawn(process.execPath, ['-e', HELPER, String(wanted)], {
    // spawn, not fork: none of the parent's flags (loaders, --cpu-prof); it is plain JavaScript.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const extra: net.Server[] = [];
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`accept handles: no answer in ${timeoutMs} ms`)), timeoutMs);
      helper.once('error', reject);
      helper.once('exit', (code) => reject(new Error(`accept handles: helper exited (${String(code)})`)));
      helper.on('message', (_message, received: unknown) => {
        if (!received) return;
        extra.push(listenOn(server, received, backlog));
        if (extra.length === wanted) resolve();
      });
      helper.send('listen', handle as net.Server);
    });
    helper.removeAllListeners('exit');
    // A helper gone by now changes nothing: its copy of the socket closed with it.
    helper.send('done', () => undefined);
    return closeAll(extra);
  } catch (error) {
    helper.removeAllListeners('message');
    helper.kill();
    for (const added of extra) added.close();
    onError(error instanceof Error ? error : new Error(String(error)));
    return closeAll([]);
  } finally {
    clearTimeout(timer);
  }
}

/** A server on one more descriptor whose connections go to `main` (keep its socket options). */
function listenOn(main: net.Server, rawHandle: unknown, backlog: number): net.Server {
  // http.Server is a net.Server with allowHalfOpen and (Node ≥ 18) noDelay on: same here.
  const added = net.createServer({ allowHalfOpen: true, noDelay: true }, (socket) => main.emit('connection', socket));
  added.on('error', (error) => main.emit('error', error));
  // listen() again on the same socket sets its backlog: pass the main server's, not Node's 511.
  added.listen({ _handle: rawHandle }, backlog);
  return added;
}

function closeAll(extra: net.Server[]): AcceptHandles {
  return {
    extra,
    close: () => {
      for (const added of extra) added.close();
    },
  };
}
