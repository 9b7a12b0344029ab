// Writing journal entries is shared by posting, reversing and CSV import (and so are the
// entry date's schema and the period-status read below): the ledger
// events, the entries, their lines, the per-account period balances and the rebuild jobs,
// all on the caller's (locked) transaction.
//
// This is the hot path of every posting and it runs while the organization's row lock is
// held, so it is two SQL statements whatever the number of entries: one data-modifying
// CTE for the rows (arrays in, one row per entry out), one for the report targets and
// jobs (lib/adapters/queue/report-jobs.ts). A CSV import of 10,000 lines costs the same two
// statements as a single posting. Measured with `npm run bench`; see ARCHITECTURE.md.
import { randomUUID } from 'node:crypto';
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
  const ids = entries.map(() => randomUUID());
  const periods = entries.map((entry) => periodOfDate(entry.date));
  const payloads = entries.map((entry, index) =>
    JSON.stringify({
      entryId: ids[index],
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
    }),
  );
  const lines = entries.flatMap((entry, index) =>
    entry.lines.map((line, lineIndex) => ({ ...line, entryId: ids[index] ?? '', lineNo: lineIndex + 1 })),
  );

  // Per account and period totals, so rebuilds never read every line in history.
  const balances = new Map<string, { accountId: string; period: string; debit: bigint; credit: bigint }>();
  entries.forEach((entry, index) => {
    for (const line of entry.lines) {
      const period = periods[index] ?? '';
      const key = `${line.accountId}|${period}`;
      const sum = balances.get(key) ?? { accountId: line.accountId, period, debit: 0n, credit: 0n };
      sum.debit += line.debitMinor;
      sum.credit += line.creditMinor;
      balances.set(key, sum);
    }
  });
  const sums = [...balances.values()];

  const rows = await tx.$queryRaw<{ entryId: string; sequence: bigint }[]>`
    WITH input AS (
      SELECT *
        FROM unnest(${ids}::uuid[], ${entries.map((entry) => entry.date)}::date[], ${periods}::text[], ${entries.map((entry) => entry.memo)}::text[],
                    ${entries.map((entry) => entry.reference)}::text[], ${entries.map((entry) => entry.reversesEntryId ?? null)}::uuid[],
                    ${entries.map((entry) => entry.idempotency?.key ?? null)}::text[], ${entries.map((entry) => entry.idempotency?.requestHash ?? null)}::text[],
                    ${entries.map((entry) => entry.eventType)}::text[], ${payloads}::jsonb[], ${entries.map((entry) => entry.actorId)}::uuid[])
             WITH ORDINALITY AS i(id, date, period, memo, reference, reverses_entry_id, idempotency_key, request_hash, event_type, payload, actor_id, ord)
    ), events AS (
      INSERT INTO ledger_events (organization_id, type, payload, actor_id, occurred_at)
      SELECT ${organizationId}::uuid, event_type, payload, actor_id, ${first.now} FROM input ORDER BY ord
      RETURNING sequence, (payload->>'entryId')::uuid AS entry_id
    ), posted AS (
      INSERT INTO journal_entries (id, organization_id, sequence, date, period, memo, reference, reverses_entry_id,
                                   idempotency_key, request_hash, created_by_id, created_at)
      SELECT i.id, ${organizationId}::uuid, e.sequence, i.date, i.period, i.memo, i.reference, i.reverses_entry_id,
             i.idempotency_key, i.request_hash, i.actor_id, ${first.now}
        FROM input i JOIN events e ON e.entry_id = i.id
    ), lines AS (
      INSERT INTO journal_lines (id, organization_id, entry_id, line_no, account_id, debit_minor, credit_minor, description)
      SELECT gen_random_uuid(), ${organizationId}::uuid, l.entry_id, l.line_no, l.account_id, l.debit, l.credit, l.description
        FROM unnest(${lines.map((line) => line.entryId)}::uuid[], ${lines.map((line) => line.lineNo)}::int[], ${lines.map((line) => line.accountId)}::uuid[],
                    ${lines.map((line) => line.debitMinor.toString())}::bigint[], ${lines.map((line) => line.creditMinor.toString())}::bigint[],
                    ${lines.map((line) => line.description)}::text[]) AS l(entry_id, line_no, account_id, debit, credit, description)
    ), balances AS (
      INSERT INTO account_period_balances (organization_id, account_id, period, debit_minor, credit_minor)
      SELECT ${organizationId}::uuid, b.account_id, b.period, b.debit, b.credit
        FROM unnest(${sums.map((sum) => sum.accountId)}::uuid[], ${sums.map((sum) => sum.period)}::text[],
                    ${sums.map((sum) => sum.debit.toString())}::numeric[], ${sums.map((sum) => sum.credit.toString())}::numeric[]) AS b(account_id, period, debit, credit)
      ON CONFLICT (organization_id, account_id, period) DO UPDATE
        SET debit_minor = account_period_balances.debit_minor + EXCLUDED.debit_minor,
            credit_minor = account_period_balances.credit_minor + EXCLUDED.credit_minor
    )
    SELECT entry_id::text AS "entryId", sequence FROM events`;
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
