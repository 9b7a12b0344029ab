// Report-run jobs: one per (run, organization), which snapshots that organization's
// report types. Spread over however many worker processes there are, with bounded
// concurrency: the jobs go into `REPORT_RUN_CONCURRENCY` named queues round-robin, and
// graphile-worker runs one job per named queue at a time, so at most that many run jobs
// execute at once across all workers. The remaining worker slots stay free for the
// interactive rebuilds, which also win on priority (run jobs have a lower priority).
import { z } from 'zod';
import type { Tx } from '../db/prisma';
import { intFromEnv } from '../../config';

export const REPORT_RUN_TASK = 'report-run-organization';

export const reportRunPayload = z.object({ runId: z.uuid(), organizationId: z.uuid() });
export type ReportRunPayload = z.infer<typeof reportRunPayload>;

/** Transient failures (a database blip) retry; the last attempt marks the organization failed. */
export const REPORT_RUN_MAX_ATTEMPTS = 3;
/** graphile-worker: a larger number runs later. Interactive rebuilds use the default 0. */
export const REPORT_RUN_PRIORITY = 10;

export function reportRunConcurrency(): number {
  return Math.max(1, intFromEnv('REPORT_RUN_CONCURRENCY', 2));
}

/** Enqueues one job per organization on the caller's transaction (with the run's rows). */
export async function enqueueReportRunJobs(tx: Tx, runId: string, organizationIds: readonly string[]): Promise<void> {
  if (organizationIds.length === 0) return;
  const lanes = reportRunConcurrency();
  await tx.$executeRaw`
    SELECT graphile_worker.add_jobs(
      ARRAY(
        SELECT ROW(
                 ${REPORT_RUN_TASK},
                 json_build_object('runId', ${runId}::text, 'organizationId', o::text),
                 'report-runs-' || ((n - 1) % ${lanes}::int)::text,
                 NULL, ${REPORT_RUN_MAX_ATTEMPTS}::smallint,
                 'report-run:' || ${runId}::text || ':' || o::text,
                 ${REPORT_RUN_PRIORITY}::smallint, NULL
               )::graphile_worker.job_spec
          FROM unnest(${[...organizationIds]}::uuid[]) WITH ORDINALITY AS x(o, n)
      ),
      false
    )`;
}
