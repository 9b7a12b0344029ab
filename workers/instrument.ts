// What an operator sees of a worker: one JSON log line and one duration sample per job,
// the commit → document lag of every saved report, and the queue depth at scrape time.
// The tasks themselves (workers/tasks.ts) stay as they are: every task is wrapped here.
import type { Task, TaskList } from 'graphile-worker';
import type { PrismaClient } from '../lib/adapters/db/prisma';
import type { Logger } from '../lib/adapters/observability/logger';
import { metrics } from '../lib/adapters/observability/metrics';

/** The payload fields worth a log line, when present: a job written by an older deploy may lack any of them. */
export function jobLogFields(payload: unknown): Record<string, string> {
  // Coalesced catch-up jobs carry an array of requests for one organization.
  const item: unknown = Array.isArray(payload) ? payload[payload.length - 1] : payload;
  const fields: Record<string, string> = {};
  if (typeof item !== 'object' || item === null) return fields;
  for (const key of ['organizationId', 'period', 'type', 'runId', 'requestId'] as const) {
    const value = (item as Record<string, unknown>)[key];
    if (typeof value === 'string' && value.length <= 200) fields[key] = value;
  }
  return fields;
}

/** Every task timed (closebook_job_duration_seconds{task, outcome}) and logged once when it ends. */
export function instrumentTasks(tasks: TaskList, log: Logger): TaskList {
  return Object.fromEntries(Object.entries(tasks).flatMap(([name, task]) => (task ? [[name, timed(name, task, log)]] : [])));
}

function timed(name: string, task: Task, log: Logger): Task {
  const jobDuration = metrics().jobDuration;
  return async (payload, helpers) => {
    const started = performance.now();
    const line = { task: name, jobId: helpers.job.id, attempt: helpers.job.attempts, ...jobLogFields(payload) };
    try {
      await task(payload, helpers);
      const seconds = (performance.now() - started) / 1000;
      jobDuration.observe({ task: name, outcome: 'success' }, seconds);
      log.info({ ...line, durationMs: Math.round(seconds * 1e5) / 100, outcome: 'success' }, 'job');
    } catch (error) {
      const seconds = (performance.now() - started) / 1000;
      jobDuration.observe({ task: name, outcome: 'failure' }, seconds);
      log.warn({ ...line, durationMs: Math.round(seconds * 1e5) / 100, outcome: 'failure', err: error }, 'job');
      throw error;
    }
  };
}

/**
 * After a rebuild saved a document: the lag from the newest ledger event it includes to
 * now. One lookup by primary key (ledger_events.sequence; the organization is checked too,
 * served by ledger_events_organization_id_sequence_idx), off the job's critical path: the
 * caller does not wait for it, and a failure only loses one sample.
 */
export function observeCommitLag(
  prisma: PrismaClient,
  organizationId: string,
  saved: { outcome: string; asOfSequence: number | bigint },
  log?: Logger,
): void {
  if ((saved.outcome !== 'inserted' && saved.outcome !== 'replaced') || BigInt(saved.asOfSequence) <= 0n) return;
  const savedAt = Date.now();
  prisma.$queryRaw<{ occurredAt: Date }[]>`
    SELECT occurred_at AS "occurredAt" FROM ledger_events
     WHERE sequence = ${BigInt(saved.asOfSequence)} AND organization_id = ${organizationId}::uuid`
    .then((rows) => {
      const occurredAt = rows[0]?.occurredAt;
      if (occurredAt) metrics().commitToDocumentLag.observe(Math.max(0, savedAt - occurredAt.getTime()) / 1000);
    })
    .catch((error: unknown) => log?.warn({ err: error, organizationId }, 'commit lag sample failed'));
}

/** graphile-worker's jobs: ready to run now (not locked, attempts left, due) and locked by a worker. One scan of the jobs table. */
export async function sampleQueueDepth(prisma: PrismaClient): Promise<{ ready: number; locked: number }> {
  const [row] = await prisma.$queryRaw<{ ready: number; locked: number }[]>`
    SELECT count(*) FILTER (WHERE is_available AND run_at <= now())::int AS ready,
           count(*) FILTER (WHERE locked_at IS NOT NULL)::int AS locked
      FROM graphile_worker._private_jobs`;
  return { ready: row?.ready ?? 0, locked: row?.locked ?? 0 };
}
