// One job of a report run: snapshot one organization's report types.
//
//   1. (optional) close the period, as the admin who started the run
//   2. load every input in ONE snapshot of the books (so the organization's reports agree)
//   3. build each document, render its PDF on a render thread, write the snapshot to MongoDB
//      under a fresh ID
//   4. commit in PostgreSQL: the pending items point at their snapshots (only pending items
//      move, so a second attempt that races the first commits nothing)
//   5. delete whatever snapshots of this (run, organization) are not the committed ones:
//      leftovers of an attempt that was killed, or of the loser of a race
//
// PostgreSQL is the commit point, so every item ends with exactly one snapshot whatever
// crashes where. A domain error, or the last attempt's error, marks the organization's
// items failed (the run goes on); other errors are retried by the queue.
import type { Db, ObjectId } from 'mongodb';
import type { PrismaClient, Tx } from '../../../adapters/db/prisma';
import { AppError, invariantViolated, isAppError } from '../../../errors';
import { changePeriodStatus } from '../../ledger/commands/change-period-status';
import type { PdfRenderer } from '../../../adapters/pdf/render-pool';
import {
  buildReport,
  loadReportInputs,
  loadReportPresentation,
  parseReportId,
  REPORT_TITLES,
  REPORT_TYPES,
  type ReportDocument,
  type ReportType,
} from '../../reports';
import { inRunTransaction } from '../run-transaction';
import { deleteUncommittedSnapshots, ensureSnapshotIndexes, writeSnapshot, type SnapshotPdfInfo } from '../snapshot-store';

export interface ExecuteOptions {
  prisma: PrismaClient;
  db: Db;
  renderer: PdfRenderer;
  runId: string;
  organizationId: string;
  /** The queue will not try again after this attempt: a failure is final. */
  finalAttempt: boolean;
  now: () => Date;
}

export type ExecuteOutcome = { outcome: 'done'; committed: number } | { outcome: 'failed'; error: string } | { outcome: 'nothing-to-do' };

export async function executeRunOrganization(options: ExecuteOptions): Promise<ExecuteOutcome> {
  const { prisma, db, runId, organizationId } = options;
  const run = await prisma.reportRun.findUnique({ where: { id: runId }, select: { period: true, closePeriod: true, createdById: true } });
  const pending = await prisma.reportRunItem.findMany({
    where: { runId, organizationId, status: 'pending' },
    select: { reportType: true },
  });
  const types = REPORT_TYPES.filter((type) => pending.some((item) => item.reportType === type));
  if (!run || types.length === 0) {
    await cleanUp(prisma, db, runId, organizationId);
    return { outcome: 'nothing-to-do' };
  }
  const counted = await prisma.$queryRaw<{ attempts: number }[]>`
    UPDATE report_run_items SET attempts = attempts + 1
     WHERE run_id = ${runId}::uuid AND organization_id = ${organizationId}::uuid AND status = 'pending'
    RETURNING attempts`;
  // Only a repeated attempt (after a crash) can find leftovers of an earlier one.
  const repeated = counted.some((row) => row.attempts > 1);
  try {
    if (run.closePeriod) await closeIfOpen(prisma, run.createdById, organizationId, run.period, options.now());
    const documents = await buildDocuments(prisma, organizationId, run.period, types, options.now());
    // The pack is printed the way the organization reads numbers, on its paper.
    const presentation = await loadReportPresentation(prisma, organizationId);
    await ensureSnapshotIndexes(db);
    const written: WrittenSnapshot[] = [];
    for (const document of documents) {
      const { bytes, pages } = await options.renderer.render(document, { ...presentation, printedAt: options.now().toISOString() });
      const snapshot = await writeSnapshot(db, { runId, document, pdf: bytes, pages, now: options.now() });
      written.push({ type: document.type, asOfSequence: document.asOfSequence, ledgerHash: document.ledgerHash ?? null, ...snapshot });
    }
    const committed = await commitSnapshots(prisma, runId, organizationId, written, options.now());
    // Leftovers exist only after an earlier attempt, or when a racing attempt committed first.
    if (repeated || committed < written.length) await cleanUp(prisma, db, runId, organizationId);
    return { outcome: 'done', committed };
  } catch (error) {
    const message = describeError(error);
    // Only a domain error's message is the user's business; anything else (database,
    // MongoDB, renderer) is logged whole here and shown as a fixed sentence, because the
    // item's error reaches the run page, the API and the ZIP's index.csv.
    if (!isAppError(error)) console.error(`[report-run] run ${runId}, organization ${organizationId}: unexpected error`, error);
    if (!isAppError(error) && !options.finalAttempt) {
      // Shown while the queue retries; replaced by the outcome of the next attempt.
      await prisma.$executeRaw`
        UPDATE report_run_items SET error = ${`Retrying: ${message}`}
         WHERE run_id = ${runId}::uuid AND organization_id = ${organizationId}::uuid AND status = 'pending'`;
      throw error;
    }
    await failItems(prisma, runId, organizationId, message, options.now());
    await cleanUp(prisma, db, runId, organizationId);
    return { outcome: 'failed', error: message };
  }
}

interface WrittenSnapshot {
  type: ReportType;
  asOfSequence: number;
  ledgerHash: string | null;
  id: ObjectId;
  pdf: SnapshotPdfInfo;
}

async function closeIfOpen(prisma: PrismaClient, userId: string | null, organizationId: string, period: string, now: Date): Promise<void> {
  if (!userId) throw new AppError('forbidden', 'Closing the period needs the admin who started the run, and that user no longer exists');
  const current = await prisma.period.findUnique({
    where: { organizationId_period: { organizationId, period } },
    select: { status: true },
  });
  if (current?.status === 'closed') return;
  try {
    await changePeriodStatus({ prisma, actor: { userId }, organizationId, period, status: 'closed', now });
  } catch (error) {
    // Someone closed it meanwhile: that is what we wanted.
    if (isAppError(error) && error.code === 'conflict') return;
    if (isAppError(error)) throw new AppError(error.code, `Closing ${period}: ${error.message}`);
    throw error;
  }
}

/** Every report of the organization from one REPEATABLE READ snapshot of its books. */
async function buildDocuments(
  prisma: PrismaClient,
  organizationId: string,
  period: string,
  types: ReportType[],
  now: Date,
): Promise<ReportDocument[]> {
  const inputs = await loadReportInputs(prisma, { organizationId, period, withLines: types.includes('general-ledger') }, now);
  if (!inputs) throw new AppError('not_found', 'The organization no longer exists');
  return types.map((type) => {
    try {
      return buildReport(type, inputs);
    } catch (error) {
      // A broken invariant (the books do not balance) fails the same way on every attempt:
      // it is final for this organization, named by report; the books must be repaired and
      // the organization retried alone. Anything else is a bug, left to the queue's retries.
      if (isAppError(error) && error.code === 'invariant_violated') throw invariantViolated(`${REPORT_TITLES[type]}: ${error.message}`);
      throw error;
    }
  });
}

/**
 * Marks the run finished once nothing is pending. Callers hold the run's row lock
 * (inRunTransaction), so two
 * organizations finishing at once cannot both see the other as still pending.
 */
async function finishRunIfDone(tx: Tx, runId: string, now: Date): Promise<void> {
  await tx.$executeRaw`
    UPDATE report_runs
       SET status = CASE WHEN EXISTS (SELECT 1 FROM report_run_items WHERE run_id = ${runId}::uuid AND status = 'failed')
                         THEN 'completed_with_failures'::"ReportRunStatus" ELSE 'completed'::"ReportRunStatus" END,
           finished_at = ${now}
     WHERE id = ${runId}::uuid AND status = 'running'
       AND NOT EXISTS (SELECT 1 FROM report_run_items WHERE run_id = ${runId}::uuid AND status = 'pending')`;
}

async function commitSnapshots(
  prisma: PrismaClient,
  runId: string,
  organizationId: string,
  written: WrittenSnapshot[],
  now: Date,
): Promise<number> {
  return inRunTransaction(prisma, runId, async (tx) => {
    let committed = 0;
    for (const snapshot of written) {
      committed += await tx.$executeRaw`
          UPDATE report_run_items
             SET status = 'done', snapshot_id = ${snapshot.id.toHexString()}, as_of_sequence = ${snapshot.asOfSequence}, ledger_hash = ${snapshot.ledgerHash},
                 pages = ${snapshot.pdf.pages}, bytes = ${snapshot.pdf.bytes}, sha256 = ${snapshot.pdf.sha256}, error = NULL, finished_at = ${now}
           WHERE run_id = ${runId}::uuid AND organization_id = ${organizationId}::uuid AND report_type = ${snapshot.type} AND status = 'pending'`;
    }
    await finishRunIfDone(tx, runId, now);
    return committed;
  });
}

async function failItems(prisma: PrismaClient, runId: string, organizationId: string, message: string, now: Date): Promise<void> {
  await inRunTransaction(prisma, runId, async (tx) => {
    await tx.$executeRaw`
        UPDATE report_run_items SET status = 'failed', error = ${message}, finished_at = ${now}
         WHERE run_id = ${runId}::uuid AND organization_id = ${organizationId}::uuid AND status = 'pending'`;
    await finishRunIfDone(tx, runId, now);
  });
}

/** Deletes the snapshots of (run, organization) that PostgreSQL does not point at. */
async function cleanUp(prisma: PrismaClient, db: Db, runId: string, organizationId: string): Promise<void> {
  const done = await prisma.reportRunItem.findMany({ where: { runId, organizationId, status: 'done' }, select: { snapshotId: true } });
  const keep = done.flatMap((item) => {
    const id = item.snapshotId ? parseReportId(item.snapshotId) : null;
    return id ? [id] : [];
  });
  await deleteUncommittedSnapshots(db, runId, organizationId, keep);
}

export const UNEXPECTED_RUN_ERROR = 'An unexpected error occurred while making the reports; it has been logged';

function describeError(error: unknown): string {
  if (!isAppError(error)) return UNEXPECTED_RUN_ERROR;
  return error.message.length > 500 ? `${error.message.slice(0, 497)}…` : error.message;
}
