// Keeps the processes of `npm start` running: a child that exits (a crash, an OOM kill,
// kill -9) is started again after a backoff that doubles with each crash in a row, and the
// reason is logged. A child that stays up for `stableAfterMs` has its crash count reset.
// After `maxCrashes` crashes in a row the supervisor gives up on it (a crash loop, such as
// a port already taken or a database that refuses connections, is not cured by restarting)
// and says so through `gaveUp`; the caller then stops everything and exits non-zero.
//
// The web server is supervised the same way as the workers: it holds no state of its own
// (DESIGN.md, "Scale-out"), so a restarted one serves exactly as before.
import { spawn, type ChildProcess } from 'node:child_process';

export interface ChildSpec {
  name: string;
  command: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface RestartPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
  /** Up at least this long: the next exit counts as the first crash again. */
  stableAfterMs: number;
  /** Crashes in a row after which the child is not started again. */
  maxCrashes: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { initialDelayMs: 1_000, maxDelayMs: 30_000, stableAfterMs: 60_000, maxCrashes: 5 };

export interface ChildExit {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Supervisor {
  /** The child's current process ID (it changes on every restart). */
  pid(name: string): number | undefined;
  /** Resolves when a child crashed `maxCrashes` times in a row and was left down. */
  readonly gaveUp: Promise<ChildExit>;
  /** Stops every child (SIGTERM, SIGKILL after `killAfterMs`); nothing restarts after this. */
  stop(): Promise<void>;
}

export function superviseChildren(
  specs: readonly ChildSpec[],
  options: { log: (line: string) => void; policy?: Partial<RestartPolicy>; killAfterMs?: number },
): Supervisor {
  const policy = { ...DEFAULT_RESTART_POLICY, ...options.policy };
  const running = new Map<string, ChildProcess>();
  const timers = new Set<NodeJS.Timeout>();
  let stopping = false;
  let giveUp: (exit: ChildExit) => void = () => undefined;
  const gaveUp = new Promise<ChildExit>((resolve) => (giveUp = resolve));

  const start = (spec: ChildSpec, crashes: number): void => {
    const startedAt = Date.now();
    const child = spawn(spec.command, [...spec.args], { cwd: spec.cwd, env: spec.env, stdio: ['ignore', 'inherit', 'inherit'] });
    running.set(spec.name, child);
    child.once('exit', (code, signal) => {
      if (stopping) return;
      const upMs = Date.now() - startedAt;
      const inARow = upMs >= policy.stableAfterMs ? 1 : crashes + 1;
      const how = signal ? `was killed by ${signal}` : `exited with code ${String(code)}`;
      if (inARow >= policy.maxCrashes) {
        options.log(`${spec.name} ${how} after ${seconds(upMs)}: ${inARow} crashes in a row, not restarting it`);
        giveUp({ name: spec.name, code, signal });
        return;
      }
      const delay = Math.min(policy.initialDelayMs * 2 ** (inARow - 1), policy.maxDelayMs);
      options.log(
        `${spec.name} ${how} after ${seconds(upMs)}; restarting it in ${seconds(delay)} (crash ${inARow} of at most ${policy.maxCrashes} in a row)`,
      );
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!stopping) start(spec, inARow);
      }, delay);
      timers.add(timer);
    });
  };
  for (const spec of specs) start(spec, 0);

  return {
    pid: (name) => running.get(name)?.pid,
    gaveUp,
    async stop() {
      stopping = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.all([...running.values()].map((child) => stopChild(child, options.killAfterMs ?? 10_000)));
    },
  };
}

function stopChild(child: ChildProcess, killAfterMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}
