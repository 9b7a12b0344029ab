import { z } from 'zod';
import { requirePermission, type Actor } from '../../auth/access';
import { AppError, notFound } from '../../../errors';
import type { PrismaClient } from '../../../adapters/db/prisma';
import { scheduleReportRebuilds } from '../../../adapters/queue/report-jobs';
import { parseInput, isUuid } from '../../../validation';
import { appendLedgerEvent } from './ledger-transaction';
import { inOrganizationTransaction } from '../../../adapters/db/organization-lock';

export const accountUpdateInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('rename'), name: z.string().trim().min(1, 'A name is required').max(200) }),
  z.object({ action: z.literal('deactivate') }),
  z.object({ action: z.literal('reactivate') }),
]);

/**
 * Renames, deactivates or reactivates an account. Accounts with postings are never
 * deleted (the journal references them); deactivating stops new postings to them. A
 * rename changes every report that shows the account, so they are all rebuilt.
 */
export async function updateAccount(options: {
  prisma: PrismaClient;
  actor: Actor;
  organizationId: string;
  accountId: string;
  input: unknown;
  now: Date;
}): Promise<{ id: string; code: string; name: string; isActive: boolean; sequence: bigint }> {
  const { prisma, actor, organizationId, accountId, now } = options;
  await requirePermission(prisma, actor, organizationId, 'manage-accounts');
  const input = parseInput(accountUpdateInput, options.input);
  if (!isUuid(accountId)) throw notFound('Account');
  return inOrganizationTransaction(prisma, organizationId, async (tx) => {
    const account = await tx.account.findFirst({ where: { id: accountId, organizationId } });
    if (!account) throw notFound('Account');
    if (input.action === 'deactivate' && account.isRetainedEarnings) {
      throw new AppError('conflict', 'The retained-earnings account cannot be deactivated');
    }
    const data = input.action === 'rename' ? { name: input.name } : { isActive: input.action === 'reactivate' };
    const updated = await tx.account.update({
      where: { id: accountId },
      data,
      select: { id: true, code: true, name: true, isActive: true },
    });
    const sequence = await appendLedgerEvent(tx, {
      organizationId,
      type: input.action === 'rename' ? 'account.renamed' : input.action === 'deactivate' ? 'account.deactivated' : 'account.reactivated',
      payload: { accountId, code: account.code, ...(input.action === 'rename' ? { from: account.name, to: input.name } : {}) },
      actorId: actor.userId,
      now,
    });
    if (input.action === 'rename' && account.name !== input.name) {
      const periods = await tx.reportTarget.findMany({ where: { organizationId }, distinct: ['period'], select: { period: true } });
      await scheduleReportRebuilds(tx, { organizationId, periods: periods.map((row) => row.period), sequence });
    }
    return { ...updated, sequence };
  });
}

/** Deletes an account that has never been posted to (the foreign keys refuse otherwise). */
export async function deleteAccount(options: {
  prisma: PrismaClient;
  actor: Actor;
  organizationId: string;
  accountId: string;
  now: Date;
}): Promise<void> {
  const { prisma, actor, organizationId, accountId, now } = options;
  await requirePermission(prisma, actor, organizationId, 'manage-accounts');
  if (!isUuid(accountId)) throw notFound('Account');
  await inOrganizationTransaction(prisma, organizationId, async (tx) => {
    const account = await tx.account.findFirst({
      where: { id: accountId, organizationId },
      include: { _count: { select: { lines: true } } },
    });
    if (!account) throw notFound('Account');
    if (account._count.lines > 0)
      throw new AppError('conflict', `Account ${account.code} has postings and cannot be deleted; deactivate it instead`);
    if (account.isRetainedEarnings) throw new AppError('conflict', 'The retained-earnings account cannot be deleted');
    await tx.accountPeriodBalance.deleteMany({ where: { organizationId, accountId } });
    await tx.account.delete({ where: { id: accountId } });
    await appendLedgerEvent(tx, {
      organizationId,
      type: 'account.deleted',
      payload: { accountId, code: account.code },
      actorId: actor.userId,
      now,
    });
  });
}
