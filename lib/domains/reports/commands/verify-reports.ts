// reports:verify and reports:rebuild. Verification recomputes every report document from
// the journal lines themselves (not from the per-period balances the workers use), with
// the same pure builders, and compares it with what MongoDB serves.
import type { Db } from 'mongodb';
import type { PrismaClient } from '../../../adapters/db/prisma';
import type { ReportDocument } from '../documents';
import { reportObjectId } from '../ids';
import { buildReport, loadReportInputs, rebuildReport } from './rebuild-report';
import { findReport, reportsCollection } from '../store';
import { REPORT_LINE_CHUNKS_COLLECTION } from '../line-chunks';
import { isReportType } from '../types';
import { notifyInvalidation } from '../../../adapters/cache/invalidation';

export interface ReportDifference {
  organizationId: string;
  type: string;
  period: string;
  problem: string;
}

async function targets(prisma: PrismaClient) {
  const rows = await prisma.reportTarget.findMany({ orderBy: [{ organizationId: 'asc' }, { period: 'asc' }, { reportType: 'asc' }] });
  return rows.flatMap((row) =>
    isReportType(row.reportType)
      ? [{ organizationId: row.organizationId, type: row.reportType, period: row.period, requiredSequence: row.requiredSequence }]
      : [],
  );
}

/** Fields that describe the build, not the books (the chain head moves with asOfSequence): excluded from the comparison. */
function comparable(document: ReportDocument): unknown {
  const { builtAt: _builtAt, asOfSequence: _asOfSequence, ledgerHash: _ledgerHash, ...rest } = document;
  return rest;
}

/** The first path at which two JSON values differ, for a readable report. */
function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (JSON.stringify(a) === JSON.stringify(b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return `${path || '(root)'}: stored ${JSON.stringify(a)}, expected ${JSON.stringify(b)}`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return `${path}: differs`;
}

export async function verifyReports(options: {
  prisma: PrismaClient;
  db: Db;
  now?: Date;
  onProgress?: (done: number, total: number) => void;
}): Promise<{ checked: number; differences: ReportDifference[] }> {
  const now = options.now ?? new Date();
  const list = await targets(options.prisma);
  const differences: ReportDifference[] = [];
  let done = 0;
  for (const target of list) {
    const stored = await findReport(options.db, reportObjectId(target.organizationId, target.type, target.period));
    const inputs = await loadReportInputs(options.prisma, target, now, 'journal');
    const where = { organizationId: target.organizationId, type: target.type, period: target.period };
    if (!stored) differences.push({ ...where, problem: 'document missing' });
    else if (!inputs) differences.push({ ...where, problem: 'organization missing' });
    else {
      if (BigInt(stored.asOfSequence) < target.requiredSequence) {
        differences.push({ ...where, problem: `stale: asOfSequence ${stored.asOfSequence} < required ${target.requiredSequence}` });
      }
      const expected = buildReport(target.type, inputs);
      const difference = firstDifference(comparable(stored), comparable(expected));
      if (difference) differences.push({ ...where, problem: difference });
    }
    options.onProgress?.(++done, list.length);
  }
  return { checked: list.length, differences };
}

/** Drops every report document and rebuilds all of them from the ledger, in this process. */
export async function rebuildAllReports(options: {
  prisma: PrismaClient;
  db: Db;
  concurrency?: number;
  now?: Date;
  onProgress?: (done: number, total: number) => void;
}): Promise<number> {
  const list = await targets(options.prisma);
  await reportsCollection(options.db).deleteMany({});
  await options.db.collection(REPORT_LINE_CHUNKS_COLLECTION).deleteMany({});
  await notifyInvalidation(options.prisma, 'report', '*');
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: options.concurrency ?? 4 }, async () => {
      for (let index = next++; index < list.length; index = next++) {
        const target = list[index];
        if (!target) continue;
        await rebuildReport({ prisma: options.prisma, db: options.db, target, now: options.now ?? new Date() });
        options.onProgress?.(++done, list.length);
      }
    }),
  );
  return list.length;
}
