// Rebuilding one report: load a consistent snapshot from PostgreSQL, run the pure
// builder, save to MongoDB if newer. Idempotent: running it twice changes nothing.
import type { Db } from 'mongodb';
import { Prisma, TX_OPTIONS, type PrismaClient } from '../db/prisma';
import type { ReportDocument } from './documents';
import type { ReportInputs } from './projections/inputs';
import { buildTrialBalance } from './projections/trial-balance';
import { saveReportIfNewer, type SaveOutcome } from './store';
import { isBuiltReportType, type ReportType } from './types';

export interface RebuildTarget {
  organizationId: string;
  type: ReportType;
  period: string;
}

const BUILDERS: Record<string, (inputs: ReportInputs) => ReportDocument> = {
  'trial-balance': buildTrialBalance,
};

export function buildReport(type: ReportType, inputs: ReportInputs): ReportDocument {
  const builder = BUILDERS[type];
  if (!builder || !isBuiltReportType(type)) throw new Error(`no builder for report type ${type}`);
  return builder(inputs);
}

/**
 * Loads everything a builder needs in one REPEATABLE READ snapshot, so the balances and
 * `asOfSequence` describe the same instant. Writes of one organization are serialised
 * (see inOrganizationTransaction), so the organization's highest committed sequence in
 * the snapshot covers every event before it.
 */
export async function loadReportInputs(prisma: PrismaClient, target: RebuildTarget, now: Date): Promise<ReportInputs | null> {
  return prisma.$transaction(
    async (tx) => {
      const organization = await tx.organization.findUnique({
        where: { id: target.organizationId },
        select: { id: true, name: true, baseCurrency: true, fiscalYearStartMonth: true },
      });
      if (!organization) return null;
      const [accounts, balances, period, last] = await Promise.all([
        tx.account.findMany({
          where: { organizationId: target.organizationId },
          select: { id: true, code: true, name: true, type: true, isRetainedEarnings: true },
        }),
        tx.accountPeriodBalance.findMany({
          where: { organizationId: target.organizationId, period: { lte: target.period } },
          select: { accountId: true, period: true, debitMinor: true, creditMinor: true },
        }),
        tx.period.findUnique({
          where: { organizationId_period: { organizationId: target.organizationId, period: target.period } },
          select: { status: true },
        }),
        tx.ledgerEvent.aggregate({ where: { organizationId: target.organizationId }, _max: { sequence: true } }),
      ]);
      return {
        organization,
        period: target.period,
        periodClosed: period?.status === 'closed',
        accounts,
        balances: balances.map((row) => ({ ...row })),
        asOfSequence: last._max.sequence ?? 0n,
        builtAt: now,
      };
    },
    { ...TX_OPTIONS, isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
  );
}

export async function rebuildReport(options: {
  prisma: PrismaClient;
  db: Db;
  target: RebuildTarget;
  now: Date;
}): Promise<{ outcome: SaveOutcome | 'organization-missing'; asOfSequence: number }> {
  const inputs = await loadReportInputs(options.prisma, options.target, options.now);
  if (!inputs) return { outcome: 'organization-missing', asOfSequence: 0 };
  const document = buildReport(options.target.type, inputs);
  return { outcome: await saveReportIfNewer(options.db, document), asOfSequence: document.asOfSequence };
}
