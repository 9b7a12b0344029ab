import { createHash } from 'node:crypto';
import { z } from 'zod';
import { requirePermission, type Actor } from '../../auth/access';
import { AppError } from '../../../errors';
import type { PrismaClient, Tx } from '../../../adapters/db/prisma';
import { parseInput } from '../../../validation';
import { periodOfDate } from '../../accounting/periods';
import { assertPeriodOpen, checkEntryLines, ENTRY_LIMITS, resolveAccounts, type AccountRef } from '../rules';
import { assertDateInWindow, ledgerWindow } from '../../accounting/window';
import { inOrganizationTransaction } from '../../../adapters/db/organization-lock';
import { isoDate, writeEntry } from './write-entry';

export const MAX_LINES_PER_ENTRY = ENTRY_LIMITS.linesPerEntry;

export const journalEntryInput = z.object({
  date: isoDate,
  memo: z.string().trim().min(1, 'A memo is required').max(ENTRY_LIMITS.memo),
  reference: z.string().trim().max(ENTRY_LIMITS.reference).optional().nullable(),
  lines: z
    .array(
      z.object({
        accountCode: z.string().trim().min(1, 'Choose an account').max(ENTRY_LIMITS.accountCode),
        debit: z.string().max(32).optional().nullable(),
        credit: z.string().max(32).optional().nullable(),
        description: z.string().trim().max(ENTRY_LIMITS.description).optional().nullable(),
      }),
    )
    .min(2, 'An entry needs at least 2 lines')
    .max(MAX_LINES_PER_ENTRY, `An entry has at most ${MAX_LINES_PER_ENTRY} lines`),
});
export type JournalEntryInput = z.input<typeof journalEntryInput>;

export interface PostedEntry {
  id: string;
  sequence: bigint;
  /** True when an earlier request with the same Idempotency-Key is answered again. */
  replayed: boolean;
}

export async function postJournalEntry(options: {
  prisma: PrismaClient;
  actor: Actor;
  organizationId: string;
  input: unknown;
  idempotencyKey?: string | null;
  now: Date;
}): Promise<PostedEntry> {
  const { prisma, actor, organizationId, now } = options;
  await requirePermission(prisma, actor, organizationId, 'post');
  const input = parseInput(journalEntryInput, options.input);
  assertDateInWindow(input.date, ledgerWindow(now));
  const lines = checkEntryLines(
    input.lines.map((line) => ({
      accountCode: line.accountCode,
      debit: line.debit ?? undefined,
      credit: line.credit ?? undefined,
      description: line.description ?? undefined,
    })),
  );
  const period = periodOfDate(input.date);
  const idempotencyKey = options.idempotencyKey?.trim() || null;
  if (idempotencyKey !== null && idempotencyKey.length > 200) {
    throw new AppError('validation_failed', 'Idempotency-Key is too long', [
      { field: 'Idempotency-Key', message: 'At most 200 characters' },
    ]);
  }
  const reference = input.reference || null;
  // The canonical request: the same key with the same meaning replays, a different body conflicts.
  const requestHash = createHash('sha256')
    .update(
      JSON.stringify([
        input.date,
        input.memo,
        reference,
        lines.map((l) => [l.accountCode, l.debitMinor.toString(), l.creditMinor.toString(), l.description]),
      ]),
    )
    .digest('hex');

  return inOrganizationTransaction(prisma, organizationId, async (tx) => {
    const [state] = await tx.$queryRaw<
      { status: 'open' | 'closed' | null; previousId: string | null; previousSequence: bigint | null; previousHash: string | null }[]
    >`
      SELECT (SELECT status::text FROM periods WHERE organization_id = ${organizationId}::uuid AND period = ${period}) AS status,
             e.id::text AS "previousId", e.sequence AS "previousSequence", e.request_hash AS "previousHash"
        FROM (SELECT 1) AS one
        LEFT JOIN journal_entries e ON e.organization_id = ${organizationId}::uuid AND e.idempotency_key = ${idempotencyKey}`;
    if (state?.previousId && state.previousSequence !== null) {
      if (state.previousHash !== requestHash) {
        throw new AppError('idempotency_conflict', 'This Idempotency-Key was already used with a different request body');
      }
      return { id: state.previousId, sequence: state.previousSequence, replayed: true };
    }
    assertPeriodOpen(period, state?.status ?? undefined);
    // Resolved under the lock: an unused account may be deleted, or any account deactivated,
    // by a concurrent command of the same organization.
    const resolved = resolveAccounts(
      lines,
      await accountsByCode(
        tx,
        organizationId,
        lines.map((line) => line.accountCode),
      ),
    );
    const written = await writeEntry(tx, {
      organizationId,
      date: input.date,
      memo: input.memo,
      reference,
      lines: resolved,
      idempotency: idempotencyKey === null ? undefined : { key: idempotencyKey, requestHash },
      actorId: actor.userId,
      eventType: 'journal_entry.posted',
      now,
    });
    return { ...written, replayed: false };
  });
}

async function accountsByCode(tx: Tx | PrismaClient, organizationId: string, codes: string[]): Promise<Map<string, AccountRef>> {
  const accounts = await tx.account.findMany({
    where: { organizationId, code: { in: [...new Set(codes)] } },
    select: { id: true, code: true, isActive: true },
  });
  return new Map(accounts.map((account) => [account.code, account]));
}
