// Writing a journal entry is shared by posting and reversing: the entry row, its lines,
// the per-account period balances, the ledger event and the rebuild jobs, all on the
// caller's (locked) transaction.
import { randomUUID } from 'node:crypto';
import { formatMinor } from '../../money/money';
import type { Tx } from '../../db/prisma';
import { periodOfDate } from '../periods';
import type { PostableLine } from '../rules';
import { appendLedgerEvent, type LedgerEventType } from './ledger-transaction';
import { scheduleFromPeriod } from './schedule';

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
  const sequence = await appendLedgerEvent(tx, {
    organizationId: entry.organizationId,
    type: entry.eventType,
    actorId: entry.actorId,
    now: entry.now,
    payload: {
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
    },
  });

  await tx.journalEntry.create({
    data: {
      id,
      organizationId: entry.organizationId,
      sequence,
      date: new Date(`${entry.date}T00:00:00.000Z`),
      period,
      memo: entry.memo,
      reference: entry.reference,
      reversesEntryId: entry.reversesEntryId ?? null,
      idempotencyKey: entry.idempotency?.key ?? null,
      requestHash: entry.idempotency?.requestHash ?? null,
      createdById: entry.actorId,
      createdAt: entry.now,
    },
  });
  await tx.journalLine.createMany({
    data: entry.lines.map((line, index) => ({
      organizationId: entry.organizationId,
      entryId: id,
      lineNo: index + 1,
      accountId: line.accountId,
      debitMinor: line.debitMinor,
      creditMinor: line.creditMinor,
      description: line.description,
    })),
  });

  // Per-account period activity, so rebuilds never have to read every line in history.
  const perAccount = new Map<string, { debit: bigint; credit: bigint }>();
  for (const line of entry.lines) {
    const sum = perAccount.get(line.accountId) ?? { debit: 0n, credit: 0n };
    sum.debit += line.debitMinor;
    sum.credit += line.creditMinor;
    perAccount.set(line.accountId, sum);
  }
  const accountIds = [...perAccount.keys()];
  const debits = accountIds.map((accountId) => perAccount.get(accountId)?.debit.toString() ?? '0');
  const credits = accountIds.map((accountId) => perAccount.get(accountId)?.credit.toString() ?? '0');
  await tx.$executeRaw`
    INSERT INTO account_period_balances (organization_id, account_id, period, debit_minor, credit_minor)
    SELECT ${entry.organizationId}::uuid, a.account_id, ${period}, a.debit, a.credit
      FROM unnest(${accountIds}::uuid[], ${debits}::bigint[], ${credits}::bigint[]) AS a(account_id, debit, credit)
    ON CONFLICT (organization_id, account_id, period) DO UPDATE
      SET debit_minor = account_period_balances.debit_minor + EXCLUDED.debit_minor,
          credit_minor = account_period_balances.credit_minor + EXCLUDED.credit_minor`;

  await scheduleFromPeriod(tx, { organizationId: entry.organizationId, fromPeriod: period, sequence, now: entry.now });
  return { id, sequence };
}
