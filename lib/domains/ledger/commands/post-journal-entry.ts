import { createHash } from 'node:crypto';
import { newEntryId } from '../entry-ids';
import { z } from 'zod';
import { requirePermission, roleForbids, rolesWith, type Actor, type Role } from '../../auth/access';
import { AppError, notFound } from '../../../errors';
import type { PrismaClient } from '../../../adapters/db/prisma';
import { prismaSql, type Sql } from '../../../adapters/db/sql';
import { postEntryAlone, type PostEntrySubmit } from '../../../adapters/db/post-entry-statement';
import { scheduleParameters } from '../../../adapters/queue/report-jobs';
import { isUuid, parseInput } from '../../../validation';
import { periodOfDate, periodOfInstant } from '../../accounting/periods';
import { assertPeriodOpen, checkEntryLines, ENTRY_LIMITS, resolveAccounts, type AccountRef } from '../rules';
import { assertDateInWindow, ledgerWindow } from '../../accounting/window';
import { entryEventPayload, isoDate } from './write-entry';

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

/**
 * Posts one entry in ONE SQL statement (closebook_post_entry, migration
 * 20261202110000_posting_functions): membership and role, the organization's row lock,
 * the Idempotency-Key, the period's status, the accounts, the rows, the report targets and
 * the rebuild jobs. Everything that needs no database (parsing, the window, balancing,
 * the request hash, the event payload) is done here first. `sql` is the process's raw pg
 * pool on the web and worker paths; without it the statement goes through Prisma.
 */
export async function postJournalEntry(options: {
  prisma: PrismaClient;
  sql?: Sql;
  /** How the statement is sent: the web process batches concurrent postings (AppContext.postings). */
  submit?: PostEntrySubmit;
  actor: Actor;
  organizationId: string;
  input: unknown;
  idempotencyKey?: string | null;
  now: Date;
  /** The HTTP request's ID, carried into the rebuild job's payload for the logs. */
  requestId?: string;
}): Promise<PostedEntry> {
  const { actor, organizationId, now } = options;
  if (!isUuid(organizationId)) throw notFound('Organization');
  // A refused request answers as before this was one statement: not a member → 404, a
  // viewer → 403, ahead of anything said about the body (one extra query, on errors only).
  let prepared: ReturnType<typeof prepareEntry>;
  try {
    prepared = prepareEntry(options.input, options.idempotencyKey, now);
  } catch (error) {
    await requirePermission(options.prisma, actor, organizationId, 'post');
    throw error;
  }
  const { input, lines, period, window, idempotencyKey, reference, requestHash } = prepared;
  const entryId = newEntryId();
  const [types, maxEager, maxAttempts, catchUpPriority, debounceMs] = scheduleParameters();
  const submit = options.submit ?? postEntryAlone(options.sql ?? prismaSql(options.prisma));
  const result = (await submit([
    organizationId,
    actor.userId,
    rolesWith('post'),
    now,
    options.requestId ?? null,
    entryId,
    input.date,
    period,
    input.memo,
    reference,
    idempotencyKey,
    idempotencyKey === null ? null : requestHash,
    entryEventPayload(entryId, { date: input.date, memo: input.memo, reference, lines }),
    lines.map((line) => line.accountCode),
    lines.map((line) => line.debitMinor.toString()),
    lines.map((line) => line.creditMinor.toString()),
    lines.map((line) => line.description),
    periodOfInstant(now),
    window.lastPeriod,
    types,
    maxEager,
    maxAttempts,
    catchUpPriority,
    debounceMs,
  ])) as PostOutcome | undefined;
  switch (result?.outcome) {
    case 'posted':
      return { id: result.id, sequence: BigInt(result.sequence), replayed: false };
    case 'replay':
      if (result.requestHash !== requestHash) {
        throw new AppError('idempotency_conflict', 'This Idempotency-Key was already used with a different request body');
      }
      return { id: result.id, sequence: BigInt(result.sequence), replayed: true };
    case 'not-member':
      throw notFound('Organization');
    case 'forbidden':
      throw roleForbids(result.role);
    case 'period-closed':
      assertPeriodOpen(period, 'closed');
      break;
    case 'accounts':
      // Words the error exactly as every other writer does; it throws for these accounts.
      resolveAccounts(lines, new Map(result.accounts.map((account) => [account.code, account])));
      break;
    case 'error':
      // An unexpected failure of this posting inside a batch (closebook_post_entries): nothing was written.
      throw new Error(`posting failed in PostgreSQL (${result.sqlstate}): ${result.message}`);
  }
  throw new Error(`closebook_post_entry answered ${JSON.stringify(result)}`);
}

/** Everything a posting decides without the database. */
function prepareEntry(raw: unknown, rawIdempotencyKey: string | null | undefined, now: Date) {
  const input = parseInput(journalEntryInput, raw);
  const window = ledgerWindow(now);
  assertDateInWindow(input.date, window);
  const lines = checkEntryLines(
    input.lines.map((line) => ({
      accountCode: line.accountCode,
      debit: line.debit ?? undefined,
      credit: line.credit ?? undefined,
      description: line.description ?? undefined,
    })),
  );
  const period = periodOfDate(input.date);
  const idempotencyKey = rawIdempotencyKey?.trim() || null;
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
  return { input, lines, period, window, idempotencyKey, reference, requestHash };
}

type PostOutcome =
  | { outcome: 'posted'; id: string; sequence: string }
  | { outcome: 'replay'; id: string; sequence: string; requestHash: string | null }
  | { outcome: 'not-member' | 'period-closed' }
  | { outcome: 'forbidden'; role: Role }
  | { outcome: 'accounts'; accounts: AccountRef[] }
  | { outcome: 'error'; sqlstate: string; message: string };
