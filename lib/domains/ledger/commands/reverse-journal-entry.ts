import { z } from 'zod';
import { requirePermission, type Actor } from '../../auth/access';
import { AppError, notFound } from '../../../errors';
import type { PrismaClient } from '../../../adapters/db/prisma';
import { parseInput, isUuid } from '../../../validation';
import { periodOfDate } from '../../accounting/periods';
import { assertPeriodOpen } from '../rules';
import { assertDateInWindow, ledgerWindow } from '../../accounting/window';
import { inOrganizationTransaction } from '../../../adapters/db/organization-lock';
import { isoDate, periodStatus, writeEntry } from './write-entry';

export const reversalInput = z.object({ date: isoDate });

/**
 * The journal is append-only: a posted entry is corrected by a reversing entry with every
 * debit and credit swapped, dated in an open period on or after the original. An entry is
 * reversed at most once (unique reverses_entry_id), and a reversal is not itself reversed.
 */
export async function reverseJournalEntry(options: {
  prisma: PrismaClient;
  actor: Actor;
  organizationId: string;
  entryId: string;
  input: unknown;
  now: Date;
}): Promise<{ id: string; sequence: bigint }> {
  const { prisma, actor, organizationId, entryId, now } = options;
  await requirePermission(prisma, actor, organizationId, 'post');
  const { date } = parseInput(reversalInput, options.input);
  assertDateInWindow(date, ledgerWindow(now));
  if (!isUuid(entryId)) throw notFound('Journal entry');

  return inOrganizationTransaction(prisma, organizationId, async (tx) => {
    const original = await tx.journalEntry.findFirst({
      where: { id: entryId, organizationId },
      include: {
        lines: { orderBy: { lineNo: 'asc' }, include: { account: { select: { code: true } } } },
        reversedBy: { select: { id: true } },
      },
    });
    if (!original) throw notFound('Journal entry');
    if (original.reversedBy) throw new AppError('conflict', `This entry was already reversed by entry ${original.reversedBy.id}`);
    if (original.reversesEntryId) throw new AppError('conflict', 'A reversing entry cannot itself be reversed; post a new entry instead');
    const originalDate = original.date.toISOString().slice(0, 10);
    if (date < originalDate) {
      throw new AppError('validation_failed', 'A reversal cannot be dated before the entry it reverses', [
        { field: 'date', message: `Choose ${originalDate} or later` },
      ]);
    }
    const period = periodOfDate(date);
    assertPeriodOpen(period, await periodStatus(tx, organizationId, period));
    return writeEntry(tx, {
      organizationId,
      date,
      memo: `Reversal of: ${original.memo}`.slice(0, 500),
      reference: original.reference,
      reversesEntryId: original.id,
      lines: original.lines.map((line) => ({
        accountId: line.accountId,
        accountCode: line.account.code,
        debitMinor: line.creditMinor,
        creditMinor: line.debitMinor,
        description: line.description,
      })),
      actorId: actor.userId,
      eventType: 'journal_entry.reversed',
      now,
    });
  });
}
