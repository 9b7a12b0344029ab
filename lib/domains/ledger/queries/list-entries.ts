import { z } from 'zod';
import { requirePermission, type Actor } from '../../auth/access';
import type { PrismaClient } from '../../../adapters/db/prisma';
import type { Prisma } from '../../../adapters/db/prisma';
import { parseInput } from '../../../validation';
import { isIsoDate } from '../../accounting/periods';

export const entryFilterInput = z.object({
  from: z.string().refine(isIsoDate, 'Use YYYY-MM-DD').optional(),
  to: z.string().refine(isIsoDate, 'Use YYYY-MM-DD').optional(),
  account: z.string().trim().max(20).optional(),
  text: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type EntryFilter = z.infer<typeof entryFilterInput>;

export const ENTRIES_PAGE_SIZE = 50;

/** Journal entries, newest date first, filtered by date range, account code and text (memo or reference). */
export async function listEntries(options: { prisma: PrismaClient; actor: Actor; organizationId: string; filter: unknown }) {
  const { prisma, actor, organizationId } = options;
  await requirePermission(prisma, actor, organizationId, 'read');
  // Empty form fields arrive as "": treat them as absent.
  const raw = Object.fromEntries(
    Object.entries((options.filter ?? {}) as Record<string, unknown>).filter(([, value]) => value !== '' && value !== undefined),
  );
  const filter = parseInput(entryFilterInput, raw);
  const where: Prisma.JournalEntryWhereInput = {
    organizationId,
    ...(filter.from || filter.to
      ? {
          date: {
            ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}),
            ...(filter.to ? { lte: new Date(`${filter.to}T00:00:00Z`) } : {}),
          },
        }
      : {}),
    ...(filter.account ? { lines: { some: { account: { code: filter.account } } } } : {}),
    ...(filter.text
      ? { OR: [{ memo: { contains: filter.text, mode: 'insensitive' } }, { reference: { contains: filter.text, mode: 'insensitive' } }] }
      : {}),
  };
  const [total, entries] = await Promise.all([
    prisma.journalEntry.count({ where }),
    prisma.journalEntry.findMany({
      where,
      orderBy: [{ date: 'desc' }, { sequence: 'desc' }],
      skip: (filter.page - 1) * ENTRIES_PAGE_SIZE,
      take: ENTRIES_PAGE_SIZE,
      select: {
        id: true,
        date: true,
        memo: true,
        reference: true,
        sequence: true,
        reversesEntryId: true,
        reversedBy: { select: { id: true } },
        lines: { select: { debitMinor: true } },
      },
    }),
  ]);
  return {
    filter,
    total,
    pages: Math.max(1, Math.ceil(total / ENTRIES_PAGE_SIZE)),
    entries: entries.map((entry) => ({
      id: entry.id,
      date: entry.date.toISOString().slice(0, 10),
      memo: entry.memo,
      reference: entry.reference,
      sequence: Number(entry.sequence),
      isReversal: entry.reversesEntryId !== null,
      isReversed: entry.reversedBy !== null,
      totalMinor: entry.lines.reduce((sum, line) => sum + line.debitMinor, 0n),
    })),
  };
}
