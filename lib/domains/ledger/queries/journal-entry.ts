import { requirePermission, type Actor } from '../../auth/access';
import { notFound } from '../../../errors';
import type { PrismaClient } from '../../../adapters/db/prisma';
import { isUuid } from '../../../validation';

export async function getJournalEntry(options: { prisma: PrismaClient; actor: Actor; organizationId: string; entryId: string }) {
  await requirePermission(options.prisma, options.actor, options.organizationId, 'read');
  if (!isUuid(options.entryId)) throw notFound('Journal entry');
  const entry = await options.prisma.journalEntry.findFirst({
    where: { id: options.entryId, organizationId: options.organizationId },
    include: {
      organization: { select: { name: true } },
      reversedBy: { select: { id: true } },
      lines: { orderBy: { lineNo: 'asc' }, include: { account: { select: { code: true, name: true } } } },
    },
  });
  if (!entry) throw notFound('Journal entry');
  return {
    id: entry.id,
    organizationName: entry.organization.name,
    date: entry.date.toISOString().slice(0, 10),
    memo: entry.memo,
    reference: entry.reference,
    sequence: Number(entry.sequence),
    reversesEntryId: entry.reversesEntryId,
    reversedById: entry.reversedBy?.id ?? null,
    lines: entry.lines.map((line) => ({
      lineNo: line.lineNo,
      accountCode: line.account.code,
      accountName: line.account.name,
      description: line.description,
      debitMinor: line.debitMinor,
      creditMinor: line.creditMinor,
    })),
  };
}
