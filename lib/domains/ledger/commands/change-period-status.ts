import { requirePermission, type Actor } from '../../auth/access';
import { AppError } from '../../../errors';
import type { PrismaClient } from '../../../adapters/db/prisma';
import { scheduleReportRebuilds } from '../../../adapters/queue/report-jobs';
import { isPeriod } from '../../accounting/periods';
import { assertPeriodInWindow, ledgerWindow } from '../../accounting/window';
import { appendLedgerEvent } from './ledger-transaction';
import { inOrganizationTransaction } from '../../../adapters/db/organization-lock';

export interface PeriodStatusResult {
  period: string;
  status: 'open' | 'closed';
  sequence: bigint;
}

/**
 * Closing and reopening are explicit, audited commands (admin only): each appends a
 * ledger event naming who did it, and the period's reports are rebuilt to show the status.
 * Shared by closePeriod and reopenPeriod, which differ only in the target status.
 */
export async function changePeriodStatus(options: {
  prisma: PrismaClient;
  actor: Actor;
  organizationId: string;
  period: string;
  status: 'open' | 'closed';
  now: Date;
}): Promise<PeriodStatusResult> {
  const { prisma, actor, organizationId, period, status, now } = options;
  await requirePermission(prisma, actor, organizationId, 'manage-periods');
  if (!isPeriod(period)) {
    throw new AppError('validation_failed', 'A period is written YYYY-MM', [{ field: 'period', message: 'Use YYYY-MM, e.g. 2026-10' }]);
  }
  // Closing 9999-12 would register that period's reports, and later postings rebuild
  // registered reports up to the latest one: period actions share the entries' window.
  assertPeriodInWindow(period, ledgerWindow(now));
  return inOrganizationTransaction(prisma, organizationId, async (tx) => {
    const current = (await tx.period.findUnique({ where: { organizationId_period: { organizationId, period } } }))?.status ?? 'open';
    if (current === status) {
      throw new AppError('conflict', `Period ${period} is already ${status}`);
    }
    const sequence = await appendLedgerEvent(tx, {
      organizationId,
      type: status === 'closed' ? 'period.closed' : 'period.reopened',
      payload: { period },
      actorId: actor.userId,
      now,
    });
    await tx.period.upsert({
      where: { organizationId_period: { organizationId, period } },
      create: { organizationId, period, status, changedAt: now, changedById: actor.userId },
      update: { status, changedAt: now, changedById: actor.userId },
    });
    await scheduleReportRebuilds(tx, { organizationId, periods: [period], sequence });
    return { period, status, sequence };
  });
}
