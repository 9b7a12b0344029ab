// The queue's own housekeeping (graphile-worker's cleanup), run daily by a cron task.
// Jobs that will never run again stay in the jobs table otherwise: a job replaced by a newer
// one with the same key while it ran is left at attempts = max_attempts, and after its
// worker was SIGKILLed (and its lock freed) that row stays for good; jobs that failed
// every attempt stay too. Their work is never lost — the replacement ran, and a failed
// rebuild is queued again by the next write — so they are litter that only grows.
import { makeWorkerUtils } from 'graphile-worker';

export const QUEUE_CLEANUP_TASK = 'queue-cleanup';
/** Daily at 03:30 UTC, caught up after downtime (workers/main.ts). */
export const QUEUE_CLEANUP_CRON = '30 3 * * *';

/** Deletes jobs that will never run again and unused queues / task names; returns how many jobs went. */
export async function cleanUpQueue(options: { connectionString: string; keepTasks: readonly string[] }): Promise<number> {
  const utils = await makeWorkerUtils({ connectionString: options.connectionString });
  try {
    const { rows } = await utils.withPgClient((client) =>
      client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE attempts = max_attempts AND locked_at IS NULL',
      ),
    );
    await utils.cleanup({
      tasks: ['DELETE_PERMAFAILED_JOBS', 'GC_JOB_QUEUES', 'GC_TASK_IDENTIFIERS'],
      taskIdentifiersToKeep: [...options.keepTasks],
    });
    return rows[0]?.n ?? 0;
  } finally {
    await utils.release();
  }
}
