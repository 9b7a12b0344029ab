// Queue job names and payloads. Payloads are validated when a worker picks them up: a job
// may have been written by an older deploy (STYLE.md, "validate at every trust boundary").
import { z } from 'zod';
import type { Tx } from '../db/prisma';
import { PERIOD_PATTERN } from '../ledger/periods';
import { BUILT_REPORT_TYPES, REPORT_TYPES, type ReportType } from '../reports/types';

export const REBUILD_REPORT_TASK = 'rebuild-report';

export const rebuildReportPayload = z.object({
  organizationId: z.uuid(),
  type: z.enum(REPORT_TYPES),
  period: z.string().regex(PERIOD_PATTERN),
});
export type RebuildReportPayload = z.infer<typeof rebuildReportPayload>;

/** One key per report: repeated rebuilds of the same report coalesce into one job. */
export function rebuildJobKey(payload: RebuildReportPayload): string {
  return `report:${payload.organizationId}:${payload.type}:${payload.period}`;
}

/** A failing rebuild retries with graphile-worker's exponential backoff, then gives up. */
export const REBUILD_MAX_ATTEMPTS = 12;

/**
 * Records that these reports must include `sequence` and enqueues their rebuilds, on the
 * caller's transaction: the write, its report targets and its jobs commit or roll back
 * together, so no committed write can lose its rebuild.
 */
export async function scheduleReportRebuilds(
  tx: Tx,
  args: { organizationId: string; periods: readonly string[]; sequence: bigint; types?: readonly ReportType[] },
): Promise<void> {
  const types = args.types ?? BUILT_REPORT_TYPES;
  if (args.periods.length === 0 || types.length === 0) return;
  const periods = [...new Set(args.periods)];
  await tx.$executeRaw`
    INSERT INTO report_targets (organization_id, report_type, period, required_sequence)
    SELECT ${args.organizationId}::uuid, t.type, p.period, ${args.sequence}
      FROM unnest(${[...types]}::text[]) AS t(type)
      CROSS JOIN unnest(${periods}::text[]) AS p(period)
    ON CONFLICT (organization_id, report_type, period)
      DO UPDATE SET required_sequence = GREATEST(report_targets.required_sequence, EXCLUDED.required_sequence)`;
  const specs = types.flatMap((type) =>
    periods.map((period) => {
      const payload: RebuildReportPayload = { organizationId: args.organizationId, type, period };
      return { identifier: REBUILD_REPORT_TASK, payload, job_key: rebuildJobKey(payload) };
    }),
  );
  // job_key + 'replace' mode: a pending job with the same key is replaced (coalesced); a
  // running one keeps going and a fresh job is queued behind it, so the newest write is
  // always picked up by some later run.
  await tx.$executeRaw`
    SELECT graphile_worker.add_jobs(
      ARRAY(
        SELECT ROW(s.identifier, s.payload, NULL, NULL, ${REBUILD_MAX_ATTEMPTS}::smallint, s.job_key, NULL, NULL)::graphile_worker.job_spec
          FROM json_to_recordset(${JSON.stringify(specs)}::json) AS s(identifier text, payload json, job_key text)
      ),
      false
    )`;
}
