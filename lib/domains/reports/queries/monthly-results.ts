import type { Db } from 'mongodb';
import { requirePermission, type Actor } from '../../auth/access';
import type { PrismaClient } from '../../../adapters/db/prisma';
import { reportObjectId } from '../ids';
import { findReport } from '../store';

/** Period revenue, expenses and net income from the income-statement documents (dashboard chart). */
export async function monthlyResults(options: { prisma: PrismaClient; db: Db; actor: Actor; organizationId: string; periods: string[] }) {
  await requirePermission(options.prisma, options.actor, options.organizationId, 'read');
  const results = [];
  for (const period of options.periods) {
    const document = await findReport(options.db, reportObjectId(options.organizationId, 'income-statement', period));
    if (document?.type !== 'income-statement') continue;
    results.push({ period, revenue: document.revenue.total, expenses: document.expenses.total, netIncome: document.netIncome });
  }
  return results;
}
