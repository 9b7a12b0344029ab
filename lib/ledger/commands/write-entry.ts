// Writing a journal entry is shared by posting and reversing: the ledger event, the entry,
// its lines, the per-account period balances and the rebuild jobs, all on the caller's
// (locked) transaction.
//
// This is the hot path of every posting and it runs while the organization's row lock is
// held, so it is two SQL statements instead of a dozen ORM calls: one data-modifying CTE
// for the rows, one for the report targets and jobs (lib/jobs/report-jobs.ts). Measured
// with `npm run bench`; see ARCHITECTURE.md.
import { randomUUID } from 'node:crypto';
import { formatMinor } from '../../money/money';
import type { Tx } from '../../db/prisma';
import { scheduleReportRebuilds } from '../../jobs/report-jobs';
import { periodOfDate, periodOfInstant } from '../periods';
import type { PostableLine } from '../rules';
import type { LedgerEventType } from './ledger-transaction';

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
  const id = randomUUID();
  const period = periodOfDate(entry.date);
  const payload = JSON.stringify({
    entryId: id,
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

  // Per-account totals for the period balances, so rebuilds never read every line in history.
  const perAccount = new Map<string, { debit: bigint; credit: bigint }>();
  for (const line of entry.lines) {
    const sum = perAccount.get(line.accountId) ?? { debit: 0n, credit: 0n };
    sum.debit += line.debitMinor;
    sum.credit += line.creditMinor;
    perAccount.set(line.accountId, sum);
  }
  const balanceAccounts = [...perAccount.keys()];
  const balanceDebits = balanceAccounts.map((accountId) => perAccount.get(accountId)?.debit.toString() ?? '0');
  const balanceCredits = balanceAccounts.map((accountId) => perAccount.get(accountId)?.credit.toString() ?? '0');

  const rows = await tx.$queryRaw<{ sequence: bigint }[]>`
    WITH event AS (
      INSERT INTO ledger_events (organization_id, type, payload, actor_id, occurred_at)
      VALUES (${entry.organizationId}::uuid, ${entry.eventType}, ${payload}::jsonb, ${entry.actorId}::uuid, ${entry.now})
      RETURNING sequence
    ), posted AS (
      INSERT INTO journal_entries (id, organization_id, sequence, date, period, memo, reference, reverses_entry_id,
                                   idempotency_key, request_hash, created_by_id, created_at)
      SELECT ${id}::uuid, ${entry.organizationId}::uuid, event.sequence, ${entry.date}::date, ${period}, ${entry.memo},
             ${entry.reference}, ${entry.reversesEntryId ?? null}::uuid, ${entry.idempotency?.key ?? null},
             ${entry.idempotency?.requestHash ?? null}, ${entry.actorId}::uuid, ${entry.now}
        FROM event
      RETURNING id
    ), lines AS (
      INSERT INTO journal_lines (id, organization_id, entry_id, line_no, account_id, debit_minor, credit_minor, description)
      SELECT gen_random_uuid(), ${entry.organizationId}::uuid, posted.id, l.line_no, l.account_id, l.debit, l.credit, l.description
        FROM posted,
             unnest(${entry.lines.map((_, index) => index + 1)}::int[], ${entry.lines.map((line) => line.accountId)}::uuid[],
                    ${entry.lines.map((line) => line.debitMinor.toString())}::bigint[], ${entry.lines.map((line) => line.creditMinor.toString())}::bigint[],
                    ${entry.lines.map((line) => line.description)}::text[]) AS l(line_no, account_id, debit, credit, description)
    ), balances AS (
      INSERT INTO account_period_balances (organization_id, account_id, period, debit_minor, credit_minor)
      SELECT ${entry.organizationId}::uuid, b.account_id, ${period}, b.debit, b.credit
        FROM unnest(${balanceAccounts}::uuid[], ${balanceDebits}::bigint[], ${balanceCredits}::bigint[]) AS b(account_id, debit, credit)
      ON CONFLICT (organization_id, account_id, period) DO UPDATE
        SET debit_minor = account_period_balances.debit_minor + EXCLUDED.debit_minor,
            credit_minor = account_period_balances.credit_minor + EXCLUDED.credit_minor
    )
    SELECT sequence FROM event`;
  const sequence = rows[0]?.sequence;
  if (sequence === undefined) throw new Error('ledger event was not written');

  // An entry dated in P changes the reports of P and every later period (cumulative
  // balances, year-to-date figures) up to the current month or the latest dated entry.
  await scheduleReportRebuilds(tx, {
    organizationId: entry.organizationId,
    periods: { from: period, through: periodOfInstant(entry.now) },
    sequence,
  });
  return { id, sequence };
}
