// How far behind the web process's event loop is, now: what a request that arrives this
// moment waits before any of its own code runs. Load shedding reads it (posting-hot-path.ts):
// when the loop is behind by more than a bound, a posting is refused at once with 503 and
// Retry-After, before its body is read, instead of joining a backlog that only grows (issue
// 10: at twice the sustainable rate, postings waited in front of the event loop until the
// client gave up, where the posting queue's bound could not see them).
//
// A timer due every `intervalMs`: its lateness when it fires is the last sample; while it is
// overdue, the time it is overdue by is the lag (a loop stuck in one long task shows at once).
export interface EventLoopLag {
  /** Milliseconds the loop is behind: the last sample, or longer if the next is already late. */
  lagMs(): number;
  stop(): void;
}

export function monitorEventLoopLag(options: { intervalMs?: number; now?: () => number } = {}): EventLoopLag {
  const intervalMs = options.intervalMs ?? 20;
  const now = options.now ?? (() => performance.now());
  let due = now() + intervalMs;
  let last = 0;
  let timer: NodeJS.Timeout;
  const tick = () => {
    const at = now();
    last = Math.max(0, at - due);
    due = at + intervalMs;
    timer = setTimeout(tick, intervalMs);
    timer.unref();
  };
  timer = setTimeout(tick, intervalMs);
  timer.unref();
  return {
    lagMs: () => Math.max(last, now() - due),
    stop: () => clearTimeout(timer),
  };
}
