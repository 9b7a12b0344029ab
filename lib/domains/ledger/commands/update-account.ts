import { z } from 'zod';
import { requirePermission, type Actor } from '../../auth/access';
import { AppError, notFound } from '../../../errors';
import type { PrismaClient } from '../../../adapters/db/prisma';
import { scheduleReportRebuilds } from '../../../adapters/queue/report-jobs';
import { parseInput, isUuid } from '../../../validation';
import { ALL_ACCOUNT_SUBTYPES, isSubtypeOf, type AccountSubtype } from '../../accounting/account-types';
import { appendLedgerEvent } from './ledger-transaction';
import { inOrganizationTransaction } from '../../../adapters/db/organization-lock';

export const accountUpdateInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('rename'), name: z.string().trim().min(1, 'A name is required').max(200) }),
  z.object({ action: z.literal('deactivate') }),
  z.object({ action: z.literal('reactivate') }),
  /** Moves the account on the statements (e.g. an expense to cost of sales); the sub-type must belong to its type. */
  z.object({ action: z.literal('set-subtype'), subtype: z.enum(ALL_ACCOUNT_SUBTYPES) }),
]);

/**
 * Renames, deactivates or reactivates an account, or changes its sub-type. Accounts with
 * postings are never deleted (the journal references them); deactivating stops new
 * postings to them. A rename or a new sub-type changes every report that shows the
 * account (its name; its place on the statements), so they are all rebuilt.
 */
export async function updateAccount(options: {
  prisma: PrismaClient;
  actor: Actor;
  organizationId: string;
  accountId: string;
  input: unknown;
  now: Date;
}): Promise<{ id: string; code: string; name: string; subtype: AccountSubtype; isActive: boolean; sequence: bigint }> {
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
    if (input.action === 'set-subtype' && !isSubtypeOf(account.type, input.subtype)) {
      // A field error like any other validation failure (DESIGN.md: validation_failed + fields),
      // found only here because the account's type is in the database, not in the request.
      throw new AppError('validation_failed', 'The request has invalid fields', [
        { field: 'subtype', message: `A ${account.type} account cannot have the sub-type ${input.subtype}` },
      ]);
    }
    const data =
      input.action === 'rename'
        ? { name: input.name }
        : input.action === 'set-subtype'
          ? { subtype: input.subtype }
          : { isActive: input.action === 'reactivate' };
    const updated = await tx.account.update({
      where: { id: accountId },
      data,
      select: { id: true, code: true, name: true, subtype: true, isActive: true },
    });
    const sequence = await appendLedgerEvent(tx, {
      organizationId,
      type: EVENT_TYPES[input.action],
      payload: {
        accountId,
        code: account.code,
        ...(input.action === 'rename' ? { from: account.name, to: input.name } : {}),
        ...(input.action === 'set-subtype' ? { from: account.subtype, to: input.subtype } : {}),
      },
      actorId: actor.userId,
      now,
    });
    const changesReports =
      (input.action === 'rename' && account.name !== input.name) || (input.action === 'set-subtype' && account.subtype !== input.subtype);
    if (changesReports) {
      const periods = await tx.reportTarget.findMany({ where: { organizationId }, distinct: ['period'], select: { period: true } });
      await scheduleReportRebuilds(tx, { organizationId, periods: periods.map((row) => row.period), sequence });
    }
    return { ...updated, subtype: updated.subtype as AccountSubtype, sequence };
  });
}

const EVENT_TYPES = {
  rename: 'account.renamed',
  deactivate: 'account.deactivated',
  reactivate: 'account.reactivated',
  'set-subtype': 'account.subtype_changed',
} as const;

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
