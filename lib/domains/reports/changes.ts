// What changed in a report since it was issued (issue 13, item 2): the accounts whose
// figure differs between an issued document (a report-run snapshot) and today's document of
// the same report, and which postings made after the issue touched them. Pure: documents
// and entries in, a changes document out; the PDF lays it out without arithmetic.
import { parseSignedAmount, formatMinor, type Minor } from '../money/money';
import type { AccountType } from '../accounting/account-types';
import type { ReportDocument } from './documents';
import { REPORT_TITLES } from './types';

/** The pseudo-account code of the balance sheet's "current year earnings" line. */
export const CURRENT_YEAR_EARNINGS = 'current-year-earnings';

export interface ChangedEntry {
  id: string;
  sequence: number;
  date: string;
  memo: string;
  createdAt: string;
}

export interface AccountChange {
  accountCode: string;
  accountName: string;
  /** The account's figure in each document (signed decimal strings, see accountFigures). */
  snapshot: string;
  live: string;
  difference: string;
  /** Entries posted after the snapshot that touch this figure, in sequence order. */
  entries: ChangedEntry[];
}

export interface ReportChanges {
  snapshotId: string;
  organizationId: string;
  organizationName: string;
  type: ReportDocument['type'];
  title: string;
  period: string;
  currency: string;
  snapshotAsOf: number;
  liveAsOf: number;
  snapshotLedgerHash: string | null;
  liveLedgerHash: string | null;
  accounts: AccountChange[];
}

/** A journal entry after the snapshot, with one of its lines' accounts. */
export interface EntryLineAfter {
  accountCode: string;
  accountType: AccountType;
  entry: ChangedEntry;
}

interface Figure {
  accountName: string;
  minor: Minor;
}

/**
 * One figure per account, as the report shows it: trial balance debit − credit; income
 * statement the period amount; balance sheet the amount (plus current year earnings);
 * general ledger the closing balance.
 */
export function accountFigures(document: ReportDocument): Map<string, Figure> {
  const figures = new Map<string, Figure>();
  const put = (accountCode: string, accountName: string, amount: string) =>
    figures.set(accountCode, { accountName, minor: parseSignedAmount(amount) });
  switch (document.type) {
    case 'trial-balance':
      for (const row of document.rows)
        figures.set(row.accountCode, { accountName: row.accountName, minor: parseSignedAmount(row.debit) - parseSignedAmount(row.credit) });
      break;
    case 'income-statement':
      for (const row of [...document.revenue.rows, ...document.expenses.rows]) put(row.accountCode, row.accountName, row.amount);
      break;
    case 'balance-sheet':
      for (const row of [...document.assets.rows, ...document.liabilities.rows, ...document.equity.rows])
        put(row.accountCode, row.accountName, row.amount);
      put(CURRENT_YEAR_EARNINGS, 'Current year earnings', document.equity.currentYearEarnings);
      break;
    case 'general-ledger':
      for (const account of document.accounts) put(account.accountCode, account.accountName, account.closing);
      break;
  }
  return figures;
}

/**
 * Which entry lines explain a figure: lines on the account itself; for current year
 * earnings, lines on revenue and expense accounts; for retained earnings, also revenue and
 * expense lines dated before the fiscal year (they roll into it).
 */
function explains(accountCode: string, line: EntryLineAfter, fiscalYearStartDate: string): boolean {
  if (line.accountCode === accountCode) return true;
  const profitAndLoss = line.accountType === 'revenue' || line.accountType === 'expense';
  if (accountCode === CURRENT_YEAR_EARNINGS) return profitAndLoss && line.entry.date >= fiscalYearStartDate;
  return false;
}

export function reportChanges(input: {
  snapshotId: string;
  snapshot: ReportDocument;
  live: ReportDocument;
  /** Lines of entries with snapshot.asOfSequence < sequence ≤ live.asOfSequence that can affect the report. */
  linesAfter: readonly EntryLineAfter[];
  retainedEarningsCode: string | null;
}): ReportChanges {
  const { snapshot, live } = input;
  const before = accountFigures(snapshot);
  const now = accountFigures(live);
  const fiscalYearStartDate = `${live.fiscalYearStart}-01`;
  const codes = [...new Set([...before.keys(), ...now.keys()])].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const accounts: AccountChange[] = [];
  for (const accountCode of codes) {
    const old = before.get(accountCode);
    const current = now.get(accountCode);
    const difference = (current?.minor ?? 0n) - (old?.minor ?? 0n);
    if (difference === 0n) continue;
    const entries = new Map<string, ChangedEntry>();
    for (const line of input.linesAfter) {
      const rolledIntoRetainedEarnings =
        accountCode === input.retainedEarningsCode &&
        (line.accountType === 'revenue' || line.accountType === 'expense') &&
        line.entry.date < fiscalYearStartDate;
      if (explains(accountCode, line, fiscalYearStartDate) || rolledIntoRetainedEarnings) entries.set(line.entry.id, line.entry);
    }
    accounts.push({
      accountCode,
      accountName: current?.accountName ?? old?.accountName ?? accountCode,
      snapshot: formatMinor(old?.minor ?? 0n),
      live: formatMinor(current?.minor ?? 0n),
      difference: formatMinor(difference),
      entries: [...entries.values()].sort((a, b) => a.sequence - b.sequence),
    });
  }
  return {
    snapshotId: input.snapshotId,
    organizationId: live.organizationId,
    organizationName: live.organizationName,
    type: live.type,
    title: REPORT_TITLES[live.type],
    period: live.period,
    currency: live.currency,
    snapshotAsOf: snapshot.asOfSequence,
    liveAsOf: live.asOfSequence,
    snapshotLedgerHash: snapshot.ledgerHash ?? null,
    liveLedgerHash: live.ledgerHash ?? null,
    accounts,
  };
}
