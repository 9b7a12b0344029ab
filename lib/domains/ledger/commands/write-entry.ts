// Writing journal entries is shared by posting, reversing and CSV import (and so are the
// entry date's schema and the period-status read below): the ledger
// events, the entries, their lines, the per-account period balances and the rebuild jobs,
// all on the caller's (locked) transaction.
//
// It runs while the organization's row lock is held, so it is two SQL statements whatever
// the number of entries: closebook_write_entries for the rows (arrays in, one row per entry
// out) and closebook_schedule_rebuilds for the report targets and jobs (both in migration
// 20261202110000_posting_functions). A CSV import of 10,000 lines costs the same two
// statements as a reversal. A single posting does not come here: closebook_post_entry
// does all of it in one statement (post-journal-entry.ts).
import { newEntryIds } from '../entry-ids';
import { z } from 'zod';
import { formatMinor } from '../../money/money';
import type { Tx } from '../../../adapters/db/prisma';
import { scheduleReportRebuilds } from '../../../adapters/queue/report-jobs';
import { comparePeriods, isIsoDate, periodOfDate, periodOfInstant } from '../../accounting/periods';
import type { PostableLine } from '../rules';
import { assertDateInWindow, ledgerWindow } from '../../accounting/window';
import type { LedgerEventType } from './ledger-transaction';

export const isoDate = z.string().refine(isIsoDate, { message: 'Use a real date written YYYY-MM-DD' });

/** A period's status as the entry's transaction sees it (no row: open). */
export async function periodStatus(tx: Tx, organizationId: string, period: string): Promise<'open' | 'closed' | undefined> {
  const row = await tx.period.findUnique({
    where: { organizationId_period: { organizationId, period } },
    select: { status: true },
  });
  return row?.status;
}

export interface EntryToWrite {
  organizationId: string;
  date: string;
  memo: string;
  reference: string | null;
  lines: (PostableLine & { accountId: string })[];
  reversesEntryId?: string;
  idempotency?: { key: string; requestHash: string };
  actorId: string;
  eventType: Extract<LedgerEventType, 'journal_entry.posted' | 'journal_entry.reversed'>;
  now: Date;
}

/** The ledger event's payload for an entry: what was posted, in the API's words. */
export function entryEventPayload(
  entryId: string,
  entry: Pick<EntryToWrite, 'date' | 'memo' | 'reference' | 'reversesEntryId'> & { lines: readonly PostableLine[] },
): string {
  return JSON.stringify({
    entryId,
    date: entry.date,
    memo: entry.memo,
    reference: entry.reference,
    reversesEntryId: entry.reversesEntryId ?? null,
    lines: entry.lines.map((line) => ({
      accountCode: line.accountCode,
      debit: formatMinor(line.debitMinor),
      credit: formatMinor(line.creditMinor),
      description: line.description,
    })),
  });
}

export async function writeEntry(tx: Tx, entry: EntryToWrite): Promise<{ id: string; sequence: bigint }> {
  const [written] = await writeEntries(tx, [entry]);
  if (!written) throw new Error('journal entry was not written');
  return written;
}

/** Writes entries of one organization, in order (their sequences ascend in array order). */
export async function writeEntries(tx: Tx, entries: readonly EntryToWrite[]): Promise<{ id: string; sequence: bigint }[]> {
  const first = entries[0];
  if (!first) return [];
  const organizationId = first.organizationId;
  if (entries.some((entry) => entry.organizationId !== organizationId)) throw new Error('writeEntries takes entries of one organization');
  // The commands refuse dates outside the window with a field error first; this is the
  // backstop for any other caller, because the dates drive how much gets rebuilt.
  const window = ledgerWindow(first.now);
  for (const entry of entries) assertDateInWindow(entry.date, window);
  const ids = newEntryIds(entries.length);
  const periods = entries.map((entry) => periodOfDate(entry.date));
  const payloads = entries.map((entry, index) => entryEventPayload(ids[index] ?? '', entry));
  const lines = entries.flatMap((entry, index) =>
    entry.lines.map((line, lineIndex) => ({ ...line, entryId: ids[index] ?? '', lineNo: lineIndex + 1 })),
  );

  const rows = await tx.$queryRaw<{ entryId: string; sequence: bigint }[]>`
    SELECT entry_id::text AS "entryId", sequence
      FROM closebook_write_entries(
        ${organizationId}::uuid, ${first.now}::timestamptz,
        ${ids}::uuid[], ${entries.map((entry) => entry.date)}::date[], ${periods}::text[], ${entries.map((entry) => entry.memo)}::text[],
        ${entries.map((entry) => entry.reference)}::text[], ${entries.map((entry) => entry.reversesEntryId ?? null)}::uuid[],
        ${entries.map((entry) => entry.idempotency?.key ?? null)}::text[], ${entries.map((entry) => entry.idempotency?.requestHash ?? null)}::text[],
        ${entries.map((entry) => entry.eventType)}::text[], ${payloads}::jsonb[], ${entries.map((entry) => entry.actorId)}::uuid[],
        ${lines.map((line) => line.entryId)}::uuid[], ${lines.map((line) => line.lineNo)}::int[], ${lines.map((line) => line.accountId)}::uuid[],
        ${lines.map((line) => line.debitMinor.toString())}::bigint[], ${lines.map((line) => line.creditMinor.toString())}::bigint[],
        ${lines.map((line) => line.description)}::text[])`;
  const sequences = new Map(rows.map((row) => [row.entryId, row.sequence]));
  const written = ids.map((id) => {
    const sequence = sequences.get(id);
    if (sequence === undefined) throw new Error(`ledger event for entry ${id} was not written`);
    return { id, sequence };
  });

  // An entry dated in P changes the reports of P and every later period (cumulative
  // balances, year-to-date figures) up to the current month or the latest dated entry,
  // never past the window; scheduleReportRebuilds bounds how many it rebuilds eagerly.
  const earliest = periods.reduce((min, period) => (comparePeriods(period, min) < 0 ? period : min));
  const last = written.reduce((max, entry) => (entry.sequence > max ? entry.sequence : max), 0n);
  await scheduleReportRebuilds(tx, {
    organizationId,
    periods: { from: earliest, through: periodOfInstant(first.now), notAfter: window.lastPeriod },
    sequence: last,
  });
  return written;
}
