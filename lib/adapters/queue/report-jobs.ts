// Queue job names and payloads. Payloads are validated when a worker picks them up: a job
// may have been written by an older deploy (STYLE.md, "validate at every trust boundary").
import { z } from 'zod';
import type { Tx } from '../db/prisma';
import { PERIOD_PATTERN } from '../../domains/accounting/periods';
import { REPORT_TYPES, type ReportType } from '../../domains/reports/types';

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
 * The bound on the work of one call, whatever the data: the newest MAX_EAGER_PERIODS
 * periods of the selection plus its oldest period (the one the change starts in), for
 * every report type: at most 25 × 4 = 100 reports registered and queued.
 */
export const MAX_EAGER_PERIODS = 24;
export const MAX_REPORTS_PER_SCHEDULE = (MAX_EAGER_PERIODS + 1) * REPORT_TYPES.length;

/**
 * Which periods to rebuild: a list, or every period from `from` through the latest of
 * `through`, the latest period any entry of the organization is dated in, and the latest
 * period anyone registered a report for (a report opened for a future month must follow
 * later postings too), but never past `notAfter` (the ledger window's last period): rows
 * dated far ahead that predate the window must not drag every posting out to them.
 * Computed in the same statement, so it sees the caller's writes.
 */
export type PeriodSelection = readonly string[] | { from: string; through: string; notAfter: string };

/**
 * Records that these reports must include `sequence` and enqueues their rebuilds, in one
 * statement on the caller's transaction: the write, its report targets and its jobs commit
 * or roll back together, so no committed write can lose its rebuild.
 *
 * Bounded: the eager periods (see MAX_EAGER_PERIODS) are registered and get one job per
 * report. The other periods of the selection are not registered, but those already
 * registered get their required_sequence raised in the same statement (so they read as
 * stale, never falsely "up to date"), and the organization's one catch-up job is queued
 * to rebuild them in bounded batches (lib/domains/reports/commands/catch-up-reports.ts). A backdated entry in 1901
 * thus costs the same 100 jobs + 1 as one in the current month.
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
  // always picked up by some later run. The catch-up job has one key per organization;
  // its payload is an array, which graphile-worker concatenates when it coalesces, so a
  // pending continuation ("go on below X") and a new "start from the newest" merge into
  // one job that starts from the newest (catchUpCursor).
  await tx.$executeRaw`
    WITH bounds AS (
      SELECT f.from_period,
             greatest(f.from_period,
                      least(greatest(${range?.through ?? null}::text,
                                     (SELECT max(period)::text FROM journal_entries WHERE organization_id = ${args.organizationId}::uuid),
                                     (SELECT max(period)::text FROM report_targets WHERE organization_id = ${args.organizationId}::uuid)),
                            ${range?.notAfter ?? null}::text)) AS horizon
        FROM (SELECT ${range?.from ?? null}::text AS from_period) AS f
       WHERE f.from_period IS NOT NULL
    ),
    requested AS (
      SELECT DISTINCT period FROM unnest(${list}::text[]) AS p(period)
      UNION
      SELECT to_char(month, 'YYYY-MM')
        FROM bounds, generate_series(to_date(bounds.from_period, 'YYYY-MM'), to_date(bounds.horizon, 'YYYY-MM'), interval '1 month') AS month
    ),
    eager AS (
      (SELECT period FROM requested ORDER BY period DESC LIMIT ${MAX_EAGER_PERIODS})
      UNION
      (SELECT min(period) FROM requested HAVING count(*) > 0)
    ),
    targets AS (
      INSERT INTO report_targets (organization_id, report_type, period, required_sequence)
      SELECT ${args.organizationId}::uuid, t.type, e.period, ${args.sequence}
        FROM unnest(${types}::text[]) AS t(type) CROSS JOIN eager AS e
      ON CONFLICT (organization_id, report_type, period)
        DO UPDATE SET required_sequence = greatest(report_targets.required_sequence, EXCLUDED.required_sequence)
      RETURNING report_type, period
    ),
    deferred AS (
      UPDATE report_targets AS r
         SET required_sequence = greatest(r.required_sequence, ${args.sequence})
       WHERE r.organization_id = ${args.organizationId}::uuid
         AND r.report_type = ANY(${types}::text[])
         AND r.period::text IN (SELECT period FROM requested)
         AND r.period::text NOT IN (SELECT period FROM eager)
      RETURNING 1
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
      ) || ARRAY(
        SELECT ROW(
                 ${CATCH_UP_REPORTS_TASK},
                 json_build_array(json_build_object('organizationId', ${args.organizationId}::text, 'before', NULL)),
                 NULL, NULL, ${REBUILD_MAX_ATTEMPTS}::smallint,
                 ${catchUpJobKey(args.organizationId)}::text,
                 ${CATCH_UP_PRIORITY}::smallint, NULL
               )::graphile_worker.job_spec
         WHERE EXISTS (SELECT 1 FROM deferred)
      ),
      false
    )`;
}

/**
 * Queues one report's rebuild unless a job for it already exists (pending, running or
 * failed). For lookups of a stale report: the write that made it stale queued its job or
 * the organization's catch-up job in its own transaction, so freshness never depends on
 * this one; it only moves the report a user is looking at ahead of the catch-up. Hence
 * graphile-worker's 'unsafe_dedupe' mode: a page polling every second must not reset a
 * failing job's backoff or pile up jobs behind a running one.
 */
export async function queueReportRebuild(
  db: Pick<Tx, '$executeRaw'>,
  target: { organizationId: string; type: ReportType; period: string },
): Promise<void> {
  await db.$executeRaw`
    SELECT graphile_worker.add_job(
      ${REBUILD_REPORT_TASK},
      json_build_object('organizationId', ${target.organizationId}::text, 'type', ${target.type}::text, 'period', ${target.period}::text),
      max_attempts := ${REBUILD_MAX_ATTEMPTS}::int,
      job_key := ${`report:${target.organizationId}:${target.type}:${target.period}`}::text,
      job_key_mode := 'unsafe_dedupe')`;
}

// ── Catch-up: the stale reports of one organization that no posting rebuilt eagerly ──

export const CATCH_UP_REPORTS_TASK = 'catch-up-reports';
/** After interactive rebuilds (0) and report runs (10): it serves old periods nobody is waiting for. */
export const CATCH_UP_PRIORITY = 20;

export function catchUpJobKey(organizationId: string): string {
  return `catch-up:${organizationId}`;
}

const reportKey = z.object({ period: z.string().regex(PERIOD_PATTERN), type: z.enum(REPORT_TYPES) });
export type CatchUpCursor = z.infer<typeof reportKey>;

/** An array: graphile-worker concatenates array payloads of coalesced jobs. */
export const catchUpReportsPayload = z
  .array(z.object({ organizationId: z.uuid(), before: reportKey.nullable() }))
  .min(1)
  .refine((items) => items.every((item) => item.organizationId === items[0]?.organizationId), 'one organization per catch-up job');
export type CatchUpReportsPayload = z.infer<typeof catchUpReportsPayload>;

/**
 * Where a (possibly coalesced) catch-up job starts: reports are visited newest first, and
 * each item asks for everything strictly before its cursor (null: from the newest). The
 * union of the requests is the one that starts latest.
 */
export function catchUpCursor(items: CatchUpReportsPayload): CatchUpCursor | null {
  let start: CatchUpCursor | null = null;
  for (const { before } of items) {
    if (before === null) return null;
    if (start === null || compareReportKeys(before, start) > 0) start = before;
  }
  return start;
}

/** Order of (period, type), as PostgreSQL compares the row (period, report_type). */
export function compareReportKeys(a: CatchUpCursor, b: CatchUpCursor): number {
  if (a.period !== b.period) return a.period < b.period ? -1 : 1;
  return a.type === b.type ? 0 : a.type < b.type ? -1 : 1;
}

/** The catch-up job queues its own continuation (merged with any job queued meanwhile). */
export async function queueCatchUp(db: Pick<Tx, '$executeRaw'>, organizationId: string, before: CatchUpCursor): Promise<void> {
  const payload = JSON.stringify([{ organizationId, before }]);
  await db.$executeRaw`
    SELECT graphile_worker.add_job(
      ${CATCH_UP_REPORTS_TASK}, ${payload}::json,
      max_attempts := ${REBUILD_MAX_ATTEMPTS}::int,
      job_key := ${catchUpJobKey(organizationId)}::text,
      priority := ${CATCH_UP_PRIORITY}::int,
      job_key_mode := 'replace')`;
}
