// Wakes the worker pool when a debounced rebuild job falls due, and keeps looking while it
// cannot be taken yet.
//
// A write queues its period's rebuild job due REBUILD_DEBOUNCE_MS later, and add_jobs
// notifies `jobs:insert` at once, so the pool looks, finds nothing due, and would sleep until
// its next poll (WORKER_POLL_INTERVAL_MS, 1 s). The writes that keep that waiting job used to
// notify again, one NOTIFY per posting: PostgreSQL serialises the commits of notifying
// transactions (a database-wide lock in PreCommit_Notify) and every notification made the
// pool run get_job (16 clients over 8 organizations, one pair: 257 postings/s with it, 330
// without; migration 20261207120000_kept_job_without_notify).
//
// Instead the pool is nudged here when a job it was told about is due. A due job can still be
// out of reach for a moment: a posting into its period holds its row (FOR UPDATE, until the
// posting commits, so the job never starts on books that lack it) and get_job skips locked
// rows. Under a stream of postings that is much of the time, so after a due nudge every empty
// get_job is retried RETRY_MS later, for RETRY_WINDOW_MS — a few lookups a second while jobs
// are due, none when the queue is quiet. Without it, a job found locked waited for the next
// poll (tests/integration/due-nudge.int.test.ts shows both with a pool that polls once a minute).
import type { EventEmitter } from 'node:events';

interface Pool {
  nudge(n: number): void;
}

interface NotificationEvent {
  workerPool: Pool;
  message: { channel: string; payload?: string };
}

/** How soon an empty look for a due job is repeated, and for how long after it fell due. */
export const RETRY_MS = 50;
export const RETRY_WINDOW_MS = 2_000;

/**
 * On every `jobs:insert` notification the pool receives, nudges it again `dueInMs` later
 * (plus a few ms, so the job's run_at has passed), then retries empty lookups as above.
 * Stops when the pool starts to shut down; the function returned stops it too.
 */
export function nudgeWhenDue(events: EventEmitter, dueInMs: number, clock: () => number = Date.now): () => void {
  const timers = new Set<NodeJS.Timeout>();
  let pool: Pool | undefined;
  let retryUntil = 0;
  let retry: NodeJS.Timeout | undefined;

  const later = (ms: number, action: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, ms);
    timer.unref();
    timers.add(timer);
    return timer;
  };

  // A pool shutting down refuses nudges (graphile-worker asserts its workers are active):
  // nothing is pending once it has started to, and a nudge racing it is dropped.
  const nudge = (target: Pool, n: number) => {
    try {
      target.nudge(n);
    } catch {
      // the pool is shutting down
    }
  };

  const onNotification = ({ workerPool, message }: NotificationEvent) => {
    if (message.channel !== 'jobs:insert') return;
    const count = notifiedCount(message.payload);
    if (count <= 0) return; // graphile-worker's own "nothing to take" (it skips those too)
    pool = workerPool;
    later(dueInMs + 5, () => {
      retryUntil = Math.max(retryUntil, clock() + RETRY_WINDOW_MS);
      nudge(workerPool, count);
    });
  };
  const onEmpty = () => {
    if (retry !== undefined || pool === undefined || clock() >= retryUntil) return;
    const target = pool;
    retry = later(RETRY_MS, () => {
      retry = undefined;
      nudge(target, 1);
    });
  };

  const stop = () => {
    events.off('pool:listen:notification', onNotification);
    events.off('worker:getJob:empty', onEmpty);
    events.off('pool:gracefulShutdown', stop);
    events.off('pool:forcefulShutdown', stop);
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    retry = undefined;
  };
  events.on('pool:listen:notification', onNotification);
  events.on('worker:getJob:empty', onEmpty);
  events.on('pool:gracefulShutdown', stop);
  events.on('pool:forcefulShutdown', stop);
  return stop;
}

/** add_jobs says how many jobs it added (`{"count": n}`); no count (older payloads) is one. */
function notifiedCount(payload: string | undefined): number {
  try {
    const count: unknown = (JSON.parse(payload ?? '{}') as { count?: unknown }).count;
    return typeof count === 'number' && Number.isInteger(count) ? count : 1;
  } catch {
    return 1;
  }
}
