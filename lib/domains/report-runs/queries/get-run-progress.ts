// A run's progress: counts, rate and ETA, and (unless only the figures are asked for) every
// organization's snapshots and errors.
import type { Actor } from '../../auth/access';
import type { PrismaClient } from '../../../adapters/db/prisma';
import { periodBounds } from '../../accounting/periods';
import { REPORT_TITLES, REPORT_TYPES, type ReportType } from '../../reports';
import { reportTypes, type RunOrganizationProgress, type RunProgress } from '../types';
import { visibleRun } from '../visible-run';

const RATE_WINDOW_SECONDS = 60;

/**
 * The run's figures; with `organizations: false` only the counts, rate and ETA (one small
 * aggregate query, what the progress bar polls every second), otherwise also every
 * organization's snapshots and errors.
 */
export async function getRunProgress(options: {
  prisma: PrismaClient;
  actor: Actor | null;
  runId: string;
  now?: Date;
  organizations?: boolean;
}): Promise<RunProgress> {
  const { prisma } = options;
  const run = await visibleRun(prisma, options.actor, options.runId);
  const now = options.now ?? new Date();
  const windowStart = new Date(Math.max(now.getTime() - RATE_WINDOW_SECONDS * 1000, run.createdAt.getTime()));
  const [counts] = await prisma.$queryRaw<{ total: number; done: number; failed: number; recent: number }[]>`
    SELECT count(*)::int AS total,
           (count(*) FILTER (WHERE status = 'done'))::int AS done,
           (count(*) FILTER (WHERE status = 'failed'))::int AS failed,
           (count(*) FILTER (WHERE status = 'done' AND finished_at > ${windowStart}))::int AS recent
      FROM report_run_items WHERE run_id = ${run.id}::uuid`;
  const { total = 0, done = 0, failed = 0, recent = 0 } = counts ?? {};
  const pending = total - done - failed;
  const elapsed = (now.getTime() - windowStart.getTime()) / 1000;
  const ratePerSecond = recent > 0 && elapsed > 0 ? recent / elapsed : null;
  return {
    id: run.id,
    period: run.period,
    types: reportTypes(run.reportTypes),
    closePeriod: run.closePeriod,
    status: run.status,
    createdAt: run.createdAt.toISOString(),
    createdBy: run.createdBy?.name ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    total,
    done,
    failed,
    pending,
    ratePerSecond: ratePerSecond === null ? null : Math.round(ratePerSecond * 100) / 100,
    etaSeconds: pending > 0 && ratePerSecond ? Math.ceil(pending / ratePerSecond) : pending === 0 ? 0 : null,
    organizations: options.organizations === false ? [] : await organizationProgress(prisma, run.id, run.period),
  };
}

async function organizationProgress(prisma: PrismaClient, runId: string, period: string): Promise<RunOrganizationProgress[]> {
  const items = await prisma.reportRunItem.findMany({
    where: { runId },
    select: {
      organizationId: true,
      reportType: true,
      status: true,
      snapshotId: true,
      asOfSequence: true,
      pages: true,
      bytes: true,
      sha256: true,
      ledgerHash: true,
      attempts: true,
      error: true,
      finishedAt: true,
      organization: { select: { name: true } },
    },
  });
  const byOrganization = new Map<string, RunOrganizationProgress>();
  for (const item of items) {
    let organization = byOrganization.get(item.organizationId);
    if (!organization) {
      organization = {
        organizationId: item.organizationId,
        name: item.organization.name,
        status: 'done',
        error: null,
        changedSinceIssued: false,
        snapshots: [],
      };
      byOrganization.set(item.organizationId, organization);
    }
    const type = item.reportType as ReportType;
    organization.snapshots.push({
      type,
      title: REPORT_TITLES[type],
      status: item.status,
      snapshotId: item.snapshotId,
      asOfSequence: item.asOfSequence === null ? null : Number(item.asOfSequence),
      pages: item.pages,
      bytes: item.bytes,
      sha256: item.sha256,
      ledgerHash: item.ledgerHash,
      attempts: item.attempts,
      error: item.error,
      finishedAt: item.finishedAt?.toISOString() ?? null,
    });
  }
  const organizations = [...byOrganization.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.organizationId.localeCompare(b.organizationId),
  );
  const changed = await changedSinceIssued(prisma, runId, period);
  for (const organization of organizations) {
    organization.changedSinceIssued = changed.has(organization.organizationId);
    organization.snapshots.sort((a, b) => REPORT_TYPES.indexOf(a.type) - REPORT_TYPES.indexOf(b.type));
    const statuses = organization.snapshots.map((snapshot) => snapshot.status);
    organization.status = statuses.includes('failed') ? 'failed' : statuses.includes('pending') ? 'pending' : 'done';
    organization.error = organization.snapshots.find((snapshot) => snapshot.error)?.error ?? null;
  }
  return organizations;
}

/**
 * Organizations with a posting made after their snapshots were issued and dated on or before
 * the end of the run's period: the only postings that can change that period's reports
 * (GET /report-snapshots/{id}/changes says which figures moved). One query per run, using
 * journal_entries (organization_id, date).
 */
async function changedSinceIssued(prisma: PrismaClient, runId: string, period: string): Promise<Set<string>> {
  const { end } = periodBounds(period);
  const rows = await prisma.$queryRaw<{ organizationId: string }[]>`
    SELECT issued.organization_id::text AS "organizationId"
      FROM (SELECT organization_id, min(as_of_sequence) AS as_of
              FROM report_run_items WHERE run_id = ${runId}::uuid AND status = 'done' GROUP BY organization_id) issued
     WHERE EXISTS (SELECT 1 FROM journal_entries e
                    WHERE e.organization_id = issued.organization_id AND e.date <= ${end}::date AND e.sequence > issued.as_of)`;
  return new Set(rows.map((row) => row.organizationId));
}
