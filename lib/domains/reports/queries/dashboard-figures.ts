import type { Db } from 'mongodb';
import { requirePermission, type Actor } from '../../auth/access';
import type { PrismaClient } from '../../../adapters/db/prisma';
import { addMonths, periodOfInstant } from '../../accounting/periods';
import { cashAtBank, compareNetIncome, balancesByAccountCode, type CashAtBank, type NetIncomeComparison } from '../dashboard';
import { reportObjectId } from '../ids';
import { findReport } from '../store';

export interface DashboardFigures {
  period: string;
  previousPeriod: string;
  netIncome: NetIncomeComparison;
  /** null: no balance sheet stored for the month yet. */
  cash: CashAtBank | null;
}

/** The dashboard's tiles: three findOne by ID on stored documents, nothing recomputed. */
export async function dashboardFigures(options: {
  prisma: PrismaClient;
  db: Db;
  actor: Actor;
  organizationId: string;
  now: Date;
}): Promise<DashboardFigures> {
  await requirePermission(options.prisma, options.actor, options.organizationId, 'read');
  const period = periodOfInstant(options.now);
  const previousPeriod = addMonths(period, -1);
  const [current, previous, balanceSheet] = await Promise.all([
    findReport(options.db, reportObjectId(options.organizationId, 'income-statement', period)),
    findReport(options.db, reportObjectId(options.organizationId, 'income-statement', previousPeriod)),
    findReport(options.db, reportObjectId(options.organizationId, 'balance-sheet', period)),
  ]);
  return {
    period,
    previousPeriod,
    netIncome: compareNetIncome(
      current?.type === 'income-statement' ? current : null,
      previous?.type === 'income-statement' ? previous : null,
    ),
    cash: balanceSheet?.type === 'balance-sheet' ? cashAtBank(balanceSheet) : null,
  };
}

/** The chart of accounts' balance column: this month's stored trial balance (null: none stored yet). */
export async function currentAccountBalances(options: { prisma: PrismaClient; db: Db; actor: Actor; organizationId: string; now: Date }) {
  await requirePermission(options.prisma, options.actor, options.organizationId, 'read');
  const period = periodOfInstant(options.now);
  const document = await findReport(options.db, reportObjectId(options.organizationId, 'trial-balance', period));
  return { period, balances: document?.type === 'trial-balance' ? balancesByAccountCode(document) : null };
}
