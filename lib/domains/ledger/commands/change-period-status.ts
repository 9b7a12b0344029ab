import { z } from 'zod';
import { requirePermission, type Actor } from '../../auth/access';
import { AppError } from '../../../errors';
import type { PrismaClient, Tx } from '../../../adapters/db/prisma';
import { scheduleReportRebuilds } from '../../../adapters/queue/report-jobs';
import { isPeriod } from '../../accounting/periods';
import { assertPeriodInWindow, ledgerWindow } from '../../accounting/window';
import { parseInput } from '../../../validation';
import { appendLedgerEvent } from './ledger-transaction';
import { inOrganizationTransaction } from '../../../adapters/db/organization-lock';

export interface PeriodStatusResult {
  period: string;
  status: 'open' | 'closed';
  sequence: bigint;
}

/** The optional body of POST …/periods/{period}/close and …/reopen. */
export const periodChangeInput = z
  .object({ reason: z.string().trim().min(1, 'Say why, or leave the reason out').max(500, 'At most 500 characters').optional() })
  .strict();

/**
 * Closing and reopening are explicit, audited commands (admin only): each appends a
 * ledger event naming who did it and why (`reason`, optional here: the browser asks for
 * one when reopening), and the period's reports are rebuilt to show the status.
 * Shared by closePeriod and reopenPeriod, which differ only in the target status.
 */
export async function changePeriodStatus(options: {
  prisma: PrismaClient;
  actor: Actor;
  organizationId: string;
  period: string;
  status: 'open' | 'closed';
  input?: unknown;
  now: Date;
}): Promise<PeriodStatusResult> {
  const { prisma, actor, organizationId, period, status, now } = options;
  await requirePermission(prisma, actor, organizationId, 'manage-periods');
  if (!isPeriod(period)) {
    throw new AppError('validation_failed', 'A period is written YYYY-MM', [{ field: 'period', message: 'Use YYYY-MM, e.g. 2026-10' }]);
  }
  const { reason } = parseInput(periodChangeInput, options.input ?? {});
  // Closing 9999-12 would register that period's reports, and later postings rebuild
  // registered reports up to the latest one: period actions share the entries' window.
  assertPeriodInWindow(period, ledgerWindow(now));
  return inOrganizationTransaction(prisma, organizationId, async (tx) => {
    const current = (await tx.period.findUnique({ where: { organizationId_period: { organizationId, period } } }))?.status ?? 'open';
    if (current === status) {
      throw new AppError('conflict', `Period ${period} is already ${status}`);
    }
    const sequence = await writePeriodStatus(tx, { organizationId, period, status, actorId: actor.userId, reason, now });
    await scheduleReportRebuilds(tx, { organizationId, periods: [period], sequence });
    return { period, status, sequence };
  });
}

/**
 * One month's status change inside the caller's organization transaction: the audited
 * event (with the reason) and the row the pages read. The caller schedules the rebuilds.
 */
export async function writePeriodStatus(
  tx: Tx,
  change: { organizationId: string; period: string; status: 'open' | 'closed'; actorId: string; reason: string | undefined; now: Date },
): Promise<bigint> {
  const { organizationId, period, status, actorId, now } = change;
  const reason = change.reason ?? null;
  const sequence = await appendLedgerEvent(tx, {
    organizationId,
    type: status === 'closed' ? 'period.closed' : 'period.reopened',
    payload: reason ? { period, reason } : { period },
    actorId,
    now,
  });
  await tx.period.upsert({
    where: { organizationId_period: { organizationId, period } },
    create: { organizationId, period, status, changedAt: now, changedById: actorId, reason },
    update: { status, changedAt: now, changedById: actorId, reason },
  });
  return sequence;
}
