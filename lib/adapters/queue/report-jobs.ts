// Queue job names and payloads. Payloads are validated when a worker picks them up: a job
// may have been written by an older deploy (STYLE.md, "validate at every trust boundary").
import { z } from 'zod';
import type { Tx } from '../db/prisma';
import { PERIOD_PATTERN } from '../../domains/accounting/periods';
import { REPORT_TYPES, type ReportType } from '../../domains/reports/types';

/**
 * One job rebuilds the four reports of one (organization, period) from one snapshot of
 * the books (lib/domains/reports/commands/rebuild-period.ts). Its name and key are also
 * written by closebook_schedule_rebuilds (migration 20261202110000_posting_functions).
 */
export const REBUILD_PERIOD_TASK = 'rebuild-period';

export const rebuildPeriodPayload = z.object({
  organizationId: z.uuid(),
  period: z.string().regex(PERIOD_PATTERN),
  /** The HTTP request whose write queued it (the latest one, when coalesced), for the logs. */
  requestId: z.string().max(200).optional().catch(undefined),
});
export type RebuildPeriodPayload = z.infer<typeof rebuildPeriodPayload>;

export function rebuildPeriodJobKey(organizationId: string, period: string): string {
  return `period:${organizationId}:${period}`;
}

/** How long a period job waits when it finds an import of its organization being written. */
export const IMPORT_DEFER_MS = 500;

/**
 * Puts a period job back for IMPORT_DEFER_MS (the same key: a job the import's commit has
 * queued meanwhile keeps its earlier due time). Called by the job itself, which then ends
 * without building; the write that made the period stale already recorded it in
 * report_targets, so it reads as stale until a build catches up.
 */
export async function deferPeriodRebuild(db: Pick<Tx, '$executeRaw'>, payload: RebuildPeriodPayload): Promise<void> {
  await db.$executeRaw`
    SELECT graphile_worker.add_job(
      ${REBUILD_PERIOD_TASK}, ${JSON.stringify(payload)}::json,
      run_at := now() + make_interval(secs => ${IMPORT_DEFER_MS / 1000}::float8),
      max_attempts := ${REBUILD_MAX_ATTEMPTS}::int,
      job_key := ${rebuildPeriodJobKey(payload.organizationId, payload.period)}::text,
      job_key_mode := 'preserve_run_at')`;
}

/**
 * The general ledger's own rebuild, due at `runAt`: the period job queues it when the
 * ledger of that period was built less than the worker's LEDGER_MIN_INTERVAL_MS ago
 * (workers/tasks.ts). One per (organization, period); later calls keep the earlier due time.
 */
export async function queueLedgerRebuild(
  db: Pick<Tx, '$executeRaw'>,
  target: { organizationId: string; period: string },
  runAt: Date,
): Promise<void> {
  await db.$executeRaw`
    SELECT graphile_worker.add_job(
      ${REBUILD_REPORT_TASK},
      json_build_object('organizationId', ${target.organizationId}::text, 'type', 'general-ledger', 'period', ${target.period}::text),
      run_at := ${runAt}::timestamptz,
      max_attempts := ${REBUILD_MAX_ATTEMPTS}::int,
      job_key := ${`ledger:${target.organizationId}:${target.period}`}::text,
      job_key_mode := 'preserve_run_at')`;
}

/**
 * One report: the general ledger's deferred rebuild (queueLedgerRebuild), and the job of
 * earlier deploys (still accepted, so jobs queued before an upgrade run).
 */
export const REBUILD_REPORT_TASK = 'rebuild-report';

export const rebuildReportPayload = z.object({
  organizationId: z.uuid(),
  type: z.enum(REPORT_TYPES),
  period: z.string().regex(PERIOD_PATTERN),
});
export type RebuildReportPayload = z.infer<typeof rebuildReportPayload>;

/**
 * A write's period job is due this long after the first write that queued it; later writes
 * keep that time (graphile-worker's preserve_run_at) instead of pushing it back. Under a
 * stream of postings an organization's period is rebuilt about this often, not once per
 * posting (each rebuild reads the month's lines for the general ledger), and a report lags
 * its newest write by at most this plus one rebuild.
 */
export const REBUILD_DEBOUNCE_MS = 200;

/** A failing rebuild retries with graphile-worker's exponential backoff, then gives up. */
export const REBUILD_MAX_ATTEMPTS = 12;

/**
 * The bound on the work of one call, whatever the data: the newest MAX_EAGER_PERIODS
 * periods of the selection plus its oldest period (the one the change starts in): at most
 * 25 periods registered (× 4 report types) and 25 rebuild jobs queued.
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
 * period. The other periods of the selection are not registered, but those already
 * registered get their required_sequence raised in the same statement (so they read as
 * stale, never falsely "up to date"), and the organization's one catch-up job is queued
 * to rebuild them in bounded batches (lib/domains/reports/commands/catch-up-reports.ts).
 * A backdated entry in 1901 thus costs the same 25 jobs + 1 as one in the current month
 * costs 1.
 *
 * Coalescing: one job key per (organization, period). A job with that key that is waiting
 * (not started, never failed) is kept as it is and locked FOR UPDATE until the write
 * commits — workers take jobs FOR UPDATE SKIP LOCKED, so it cannot start before the write
 * is visible, and it reads the books when it runs (migration 20261207110000_posting_costs:
 * add_jobs was a quarter of a posting's database time). Otherwise graphile-worker's
 * 'replace' mode: a failed job is reset; a running one keeps going and a fresh job is
 * queued behind it, so the newest write is always picked up by some later run. The SQL is
 * closebook_schedule_rebuilds (one copy, shared with closebook_post_entry).
 */
export async function scheduleReportRebuilds(
  tx: Pick<Tx, '$executeRaw'>,
  args: { organizationId: string; periods: PeriodSelection; sequence: bigint; types?: readonly ReportType[] },
): Promise<void> {
  const types = [...(args.types ?? REPORT_TYPES)];
  if (types.length === 0) return;
  const list = 'from' in args.periods ? null : [...args.periods];
  const range = 'from' in args.periods ? args.periods : null;
  if (list?.length === 0) return;
  await tx.$executeRaw`
    SELECT closebook_schedule_rebuilds(${args.organizationId}::uuid, ${list}::text[], ${range?.from ?? null}::text,
                                       ${range?.through ?? null}::text, ${range?.notAfter ?? null}::text, ${args.sequence}::bigint,
                                       ${types}::text[], ${MAX_EAGER_PERIODS}::int, ${REBUILD_MAX_ATTEMPTS}::smallint,
                                       ${CATCH_UP_PRIORITY}::smallint, ${REBUILD_DEBOUNCE_MS}::int)`;
}

/** The scheduling constants closebook_post_entry takes, in its parameter order. */
export function scheduleParameters(): [readonly ReportType[], number, number, number, number] {
  return [REPORT_TYPES, MAX_EAGER_PERIODS, REBUILD_MAX_ATTEMPTS, CATCH_UP_PRIORITY, REBUILD_DEBOUNCE_MS];
}

/**
 * Queues one period's rebuild unless a job for it already exists (pending, running or
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
      ${REBUILD_PERIOD_TASK},
      json_build_object('organizationId', ${target.organizationId}::text, 'period', ${target.period}::text),
      max_attempts := ${REBUILD_MAX_ATTEMPTS}::int,
      job_key := ${rebuildPeriodJobKey(target.organizationId, target.period)}::text,
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
