// Queue job names and payloads. Payloads are validated when a worker picks them up: a job
// may have been written by an older deploy (STYLE.md, "validate at every trust boundary").
import { z } from 'zod';
import type { Tx } from '../db/prisma';
import { PERIOD_PATTERN } from '../ledger/periods';
import { REPORT_TYPES, type ReportType } from '../reports/types';

export const REBUILD_REPORT_TASK = 'rebuild-report';

export const rebuildReportPayload = z.object({
  organizationId: z.uuid(),
  type: z.enum(REPORT_TYPES),
  period: z.string().regex(PERIOD_PATTERN),
});
export type RebuildReportPayload = z.infer<typeof rebuildReportPayload>;

/** A failing rebuild retries with graphile-worker's exponential backoff, then gives up. */
export const REBUILD_MAX_ATTEMPTS = 12;

/**
 * Which periods to rebuild: a list, or every period from `from` through the latest of
 * `through`, the latest period any entry of the organization is dated in, and the latest
 * period anyone registered a report for (a report opened for a future month must follow
 * later postings too). Computed in the same statement, so it sees the caller's writes.
 */
export type PeriodSelection = readonly string[] | { from: string; through: string };

/**
 * Records that these reports must include `sequence` and enqueues their rebuilds, in one
 * statement on the caller's transaction: the write, its report targets and its jobs commit
 * or roll back together, so no committed write can lose its rebuild.
 */
export async function scheduleReportRebuilds(
  tx: Tx,
  args: { organizationId: string; periods: PeriodSelection; sequence: bigint; types?: readonly ReportType[] },
): Promise<void> {
  const types = [...(args.types ?? REPORT_TYPES)];
  if (types.length === 0) return;
  // Either an explicit list, or a range whose end is found in SQL. One flat statement
  // (no nested Prisma.sql fragments: Next.js may load the Prisma runtime once per server
  // layer, and a fragment from one copy is not recognised by the client of another).
  const list = 'from' in args.periods ? null : [...args.periods];
  const range = 'from' in args.periods ? args.periods : null;
  if (list?.length === 0) return;
  // One job key per report, "report:{org}:{type}:{period}", in graphile-worker's
  // 'replace' mode: a pending job with the same key is replaced (coalesced); a
  // running one keeps going and a fresh job is queued behind it, so the newest write is
  // always picked up by some later run.
  await tx.$executeRaw`
    WITH periods AS (
      SELECT DISTINCT period FROM unnest(${list}::text[]) AS p(period)
      UNION
      SELECT to_char(month, 'YYYY-MM')
        FROM generate_series(
               to_date(${range?.from ?? null}::text, 'YYYY-MM'),
               to_date(greatest(${range?.from ?? null}::text, ${range?.through ?? null}::text,
                                (SELECT max(period)::text FROM journal_entries WHERE organization_id = ${args.organizationId}::uuid),
                                (SELECT max(period)::text FROM report_targets WHERE organization_id = ${args.organizationId}::uuid)), 'YYYY-MM'),
               interval '1 month') AS month
       WHERE ${range?.from ?? null}::text IS NOT NULL
    ),
    targets AS (
      INSERT INTO report_targets (organization_id, report_type, period, required_sequence)
      SELECT ${args.organizationId}::uuid, t.type, p.period, ${args.sequence}
        FROM unnest(${types}::text[]) AS t(type) CROSS JOIN periods AS p
      ON CONFLICT (organization_id, report_type, period)
        DO UPDATE SET required_sequence = greatest(report_targets.required_sequence, EXCLUDED.required_sequence)
      RETURNING report_type, period
    )
    SELECT graphile_worker.add_jobs(
      ARRAY(
        SELECT ROW(
                 ${REBUILD_REPORT_TASK},
                 json_build_object('organizationId', ${args.organizationId}::text, 'type', report_type, 'period', period),
                 NULL, NULL, ${REBUILD_MAX_ATTEMPTS}::smallint,
                 'report:' || ${args.organizationId}::text || ':' || report_type || ':' || period,
                 NULL, NULL
               )::graphile_worker.job_spec
          FROM targets
      ),
      false
    )`;
}
