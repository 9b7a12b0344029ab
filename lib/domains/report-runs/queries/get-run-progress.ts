// Reading runs and their snapshots, and retrying failed organizations.
//
// Visibility: a run is visible to a user who is a member of every organization in it (a
// run spanning a client you cannot see would reveal its name). Anything else is "not
// found", like a report ID of another tenant.
import type { Db } from 'mongodb';
import { roleAllows, requirePermission, type Actor } from '../../auth/access';
import { isUniqueViolation, type PrismaClient } from '../../../adapters/db/prisma';
import { AppError, notFound } from '../../../errors';
import { enqueueReportRunJobs } from '../../../adapters/queue/report-run-jobs';
import { parseReportId } from '../../reports/ids';
import { REPORT_TITLES, REPORT_TYPES, type ReportType } from '../../reports/types';
import { z } from 'zod';
import { reportFilename } from '../../reports/queries/lookup-report';
import { isUuid, parseInput } from '../../../validation';
import { inRunTransaction } from '../run-transaction';
import { findSnapshot, findSnapshotFileInfo, readSnapshotPdf } from '../snapshot-store';

export type RunStatus = 'running' | 'completed' | 'completed_with_failures';
export type ItemStatus = 'pending' | 'done' | 'failed';

export interface SnapshotSummary {
  type: ReportType;
  title: string;
  status: ItemStatus;
  snapshotId: string | null;
  asOfSequence: number | null;
  pages: number | null;
  bytes: number | null;
  sha256: string | null;
  attempts: number;
  error: string | null;
  finishedAt: string | null;
}

export interface RunOrganizationProgress {
  organizationId: string;
  name: string;
  status: ItemStatus;
  error: string | null;
  snapshots: SnapshotSummary[];
}

export interface RunProgress {
  id: string;
  period: string;
  types: ReportType[];
  closePeriod: boolean;
  status: RunStatus;
  createdAt: string;
  createdBy: string | null;
  finishedAt: string | null;
  total: number;
  done: number;
  failed: number;
  pending: number;
  /** Snapshots per second over the last minute (null before the first one). */
  ratePerSecond: number | null;
  /** Seconds left at that rate (null when unknown or finished). */
  etaSeconds: number | null;
  /** Empty when asked for the figures only (`?organizations=false`). */
  organizations: RunOrganizationProgress[];
}

export interface RunSummary {
  id: string;
  period: string;
  status: RunStatus;
  organizationCount: number;
  types: ReportType[];
  total: number;
  done: number;
  failed: number;
  createdAt: string;
  finishedAt: string | null;
}

const RATE_WINDOW_SECONDS = 60;

/**
 * The run's row, if the actor may see it: a member of every organization in it (else "not
 * found"), with `permission` in each (else "forbidden"). The operator (null actor) may all.
 */
async function visibleRun(prisma: PrismaClient, actor: Actor | null, runId: string, permission: 'read' | 'post' = 'read') {
  if (!isUuid(runId)) throw notFound('Report run');
  const run = await prisma.reportRun.findUnique({
    where: { id: runId },
    select: {
      id: true,
      period: true,
      organizationIds: true,
      reportTypes: true,
      closePeriod: true,
      status: true,
      createdAt: true,
      finishedAt: true,
      createdBy: { select: { name: true } },
    },
  });
  if (!run) throw notFound('Report run');
  if (actor) {
    const memberships = await prisma.membership.findMany({
      where: { userId: actor.userId, organizationId: { in: run.organizationIds } },
      select: { role: true },
    });
    if (memberships.length !== run.organizationIds.length) throw notFound('Report run');
    if (memberships.some((membership) => !roleAllows(membership.role, permission))) {
      throw new AppError('forbidden', 'Your role does not allow report runs');
    }
  }
  return run;
}

function reportTypes(values: readonly string[]): ReportType[] {
  return REPORT_TYPES.filter((type) => values.includes(type));
}

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
    organizations: options.organizations === false ? [] : await organizationProgress(prisma, run.id),
  };
}

async function organizationProgress(prisma: PrismaClient, runId: string): Promise<RunOrganizationProgress[]> {
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
      organization = { organizationId: item.organizationId, name: item.organization.name, status: 'done', error: null, snapshots: [] };
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
      attempts: item.attempts,
      error: item.error,
      finishedAt: item.finishedAt?.toISOString() ?? null,
    });
  }
  const organizations = [...byOrganization.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.organizationId.localeCompare(b.organizationId),
  );
  for (const organization of organizations) {
    organization.snapshots.sort((a, b) => REPORT_TYPES.indexOf(a.type) - REPORT_TYPES.indexOf(b.type));
    const statuses = organization.snapshots.map((snapshot) => snapshot.status);
    organization.status = statuses.includes('failed') ? 'failed' : statuses.includes('pending') ? 'pending' : 'done';
    organization.error = organization.snapshots.find((snapshot) => snapshot.error)?.error ?? null;
  }
  return organizations;
}

/** The newest runs the actor can see. */
export async function listRuns(options: { prisma: PrismaClient; actor: Actor; limit?: number }): Promise<RunSummary[]> {
  const limit = Math.min(Math.max(options.limit ?? 20, 1), 100);
  const rows = await options.prisma.$queryRaw<
    {
      id: string;
      period: string;
      status: RunStatus;
      organizationCount: number;
      types: string[];
      total: number;
      done: number;
      failed: number;
      createdAt: Date;
      finishedAt: Date | null;
    }[]
  >`
    SELECT r.id::text, r.period, r.status::text AS status, cardinality(r.organization_ids) AS "organizationCount", r.report_types AS types,
           count(i.*)::int AS total,
           (count(*) FILTER (WHERE i.status = 'done'))::int AS done,
           (count(*) FILTER (WHERE i.status = 'failed'))::int AS failed,
           r.created_at AS "createdAt", r.finished_at AS "finishedAt"
      FROM report_runs r JOIN report_run_items i ON i.run_id = r.id
     WHERE r.organization_ids <@ ARRAY(SELECT organization_id FROM memberships WHERE user_id = ${options.actor.userId}::uuid)
     GROUP BY r.id
     ORDER BY r.created_at DESC
     LIMIT ${limit}`;
  return rows.map((row) => ({
    ...row,
    types: reportTypes(row.types),
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  }));
}

export const retryRunInput = z.object({ organizationIds: z.array(z.uuid()).min(1).optional() }).strict();

/**
 * Puts the failed items of the chosen organizations (default: every failed one) back to
 * pending and queues their jobs again. The run is "running" until they finish.
 */
export async function retryRun(options: {
  prisma: PrismaClient;
  actor: Actor | null;
  runId: string;
  input: unknown;
  now: Date;
}): Promise<{ retried: number }> {
  const { prisma, actor } = options;
  const input = parseInput(retryRunInput, options.input ?? {});
  const run = await visibleRun(prisma, actor, options.runId, 'post');
  if (input.organizationIds?.some((id) => !run.organizationIds.includes(id))) throw notFound('Organization');
  try {
    return await inRunTransaction(prisma, run.id, async (tx) => {
      const organizations = await tx.$queryRaw<{ organizationId: string }[]>`
          UPDATE report_run_items SET status = 'pending', error = NULL, finished_at = NULL
           WHERE run_id = ${run.id}::uuid AND status = 'failed'
             AND (${input.organizationIds ?? null}::uuid[] IS NULL OR organization_id = ANY(${input.organizationIds ?? null}::uuid[]))
          RETURNING organization_id::text AS "organizationId"`;
      const organizationIds = [...new Set(organizations.map((row) => row.organizationId))];
      if (organizationIds.length === 0) return { retried: 0 };
      await tx.$executeRaw`UPDATE report_runs SET status = 'running', finished_at = NULL WHERE id = ${run.id}::uuid`;
      await enqueueReportRunJobs(tx, run.id, organizationIds);
      return { retried: organizationIds.length };
    });
  } catch (error) {
    // The partial unique index: an identical run was started after this one finished.
    if (isUniqueViolation(error)) throw new AppError('conflict', 'An identical run is in progress; retry after it finishes');
    throw error;
  }
}

export interface SnapshotFile {
  filename: string;
  body: Buffer;
  sha256: string;
}

/** A snapshot by ID (its PDF, or its frozen document), if the actor may read its organization. */
async function visibleSnapshot(prisma: PrismaClient, actor: Actor, snapshotId: string) {
  const id = parseReportId(snapshotId);
  if (!id) throw notFound('Snapshot');
  const item = await prisma.reportRunItem.findUnique({
    where: { snapshotId },
    select: { runId: true, organizationId: true },
  });
  if (!item) throw notFound('Snapshot');
  // Not a member → the same 404 as an unknown snapshot ID.
  await requirePermission(prisma, actor, item.organizationId, 'read', 'Snapshot');
  return { id, item };
}

export async function getSnapshotPdf(options: { prisma: PrismaClient; db: Db; actor: Actor; snapshotId: string }): Promise<SnapshotFile> {
  const { id } = await visibleSnapshot(options.prisma, options.actor, options.snapshotId);
  // The file's facts only, not the frozen document (a long general ledger is megabytes).
  const info = await findSnapshotFileInfo(options.db, id);
  if (!info) throw notFound('Snapshot');
  const body = await readSnapshotPdf(options.db, id, info.pdf.chunks);
  return { filename: reportFilename(info, 'pdf'), body, sha256: info.pdf.sha256 };
}

export async function getSnapshot(options: { prisma: PrismaClient; db: Db; actor: Actor; snapshotId: string }) {
  const { id, item } = await visibleSnapshot(options.prisma, options.actor, options.snapshotId);
  const snapshot = await findSnapshot(options.db, id);
  if (!snapshot) throw notFound('Snapshot');
  return {
    id: options.snapshotId,
    runId: item.runId,
    organizationId: item.organizationId,
    type: snapshot.type,
    period: snapshot.period,
    asOfSequence: snapshot.asOfSequence,
    createdAt: snapshot.createdAt.toISOString(),
    pdf: { bytes: snapshot.pdf.bytes, pages: snapshot.pdf.pages, sha256: snapshot.pdf.sha256 },
    document: snapshot.document,
  };
}
