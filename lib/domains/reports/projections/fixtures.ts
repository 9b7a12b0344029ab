// Test support for the builders: a small chart of accounts and a way to state history as
// per-period rows (as the write side stores it) and get the activity buckets the loader
// computes in SQL for a given period.
import { comparativePeriods, fiscalYearStart } from '../../accounting/periods';
import type { AccountActivity, PeriodLine, ReportInputs } from './inputs';

export const ACCOUNTS: ReportInputs['accounts'] = [
  { id: 'cash', code: '1000', name: 'Cash', type: 'asset', subtype: 'current-asset', isRetainedEarnings: false },
  { id: 'ar', code: '1100', name: 'Receivables', type: 'asset', subtype: 'current-asset', isRetainedEarnings: false },
  { id: 'ap', code: '2000', name: 'Accounts payable', type: 'liability', subtype: 'current-liability', isRetainedEarnings: false },
  { id: 'capital', code: '3000', name: 'Share capital', type: 'equity', subtype: 'equity', isRetainedEarnings: false },
  { id: 're', code: '3200', name: 'Retained earnings', type: 'equity', subtype: 'equity', isRetainedEarnings: true },
  { id: 'sales', code: '4000', name: 'Sales', type: 'revenue', subtype: 'revenue', isRetainedEarnings: false },
  { id: 'rent', code: '6000', name: 'Rent', type: 'expense', subtype: 'operating-expense', isRetainedEarnings: false },
  // Sub-types beyond the defaults (no activity in HISTORY: the tests that use them add their own).
  { id: 'equipment', code: '1500', name: 'Equipment', type: 'asset', subtype: 'non-current-asset', isRetainedEarnings: false },
  { id: 'loan', code: '2500', name: 'Bank loan', type: 'liability', subtype: 'non-current-liability', isRetainedEarnings: false },
  { id: 'interest-income', code: '4900', name: 'Interest received', type: 'revenue', subtype: 'other-income', isRetainedEarnings: false },
  { id: 'cogs', code: '5000', name: 'Cost of goods sold', type: 'expense', subtype: 'cost-of-sales', isRetainedEarnings: false },
  { id: 'interest', code: '6900', name: 'Interest expense', type: 'expense', subtype: 'other-expense', isRetainedEarnings: false },
];

export interface HistoryRow {
  accountId: string;
  period: string;
  debitMinor: bigint;
  creditMinor: bigint;
}

export function activityFor(history: HistoryRow[], period: string, fiscalYearStartMonth: number): AccountActivity[] {
  const fyStart = fiscalYearStart(period, fiscalYearStartMonth);
  const byAccount = new Map<string, AccountActivity>();
  for (const row of history) {
    if (row.period > period) continue;
    const activity = byAccount.get(row.accountId) ?? {
      accountId: row.accountId,
      beforeFiscalYear: 0n,
      fiscalYearBeforePeriod: 0n,
      periodDebit: 0n,
      periodCredit: 0n,
    };
    const net = row.debitMinor - row.creditMinor;
    if (row.period < fyStart) activity.beforeFiscalYear += net;
    else if (row.period < period) activity.fiscalYearBeforePeriod += net;
    else {
      activity.periodDebit += row.debitMinor;
      activity.periodCredit += row.creditMinor;
    }
    byAccount.set(row.accountId, activity);
  }
  return [...byAccount.values()];
}

export function inputsFor(options: {
  history: HistoryRow[];
  period: string;
  fiscalYearStartMonth: number;
  lines?: PeriodLine[];
  /** Also the comparatives' activity (same month a year earlier, prior fiscal year end), as the loader sums it. */
  comparatives?: boolean;
}): ReportInputs {
  const { history, period, fiscalYearStartMonth } = options;
  const { samePeriodLastYear, priorYearEnd } = comparativePeriods(period, fiscalYearStartMonth);
  return {
    organization: { id: 'org', name: 'Łódź Sp. z o.o.', baseCurrency: 'PLN', fiscalYearStartMonth: options.fiscalYearStartMonth },
    period: options.period,
    periodClosed: false,
    accounts: ACCOUNTS,
    activity: activityFor(options.history, options.period, options.fiscalYearStartMonth),
    ...(options.lines ? { lines: options.lines } : {}),
    ...(options.comparatives
      ? {
          comparatives: {
            samePeriodLastYear: { period: samePeriodLastYear, activity: activityFor(history, samePeriodLastYear, fiscalYearStartMonth) },
            priorYearEnd: { period: priorYearEnd, activity: activityFor(history, priorYearEnd, fiscalYearStartMonth) },
          },
        }
      : {}),
    asOfSequence: 42n,
    ledgerHash: 'ab'.repeat(32),
    builtAt: new Date('2026-11-26T12:00:00Z'),
  };
}

/** Given: capital paid in (2025-01); a sale and rent in 2025-03; a sale on credit in 2026-02. */
export const HISTORY: HistoryRow[] = [
  { accountId: 'cash', period: '2025-01', debitMinor: 1_000_000n, creditMinor: 0n },
  { accountId: 'capital', period: '2025-01', debitMinor: 0n, creditMinor: 1_000_000n },
  { accountId: 'cash', period: '2025-03', debitMinor: 50_000n, creditMinor: 20_000n },
  { accountId: 'sales', period: '2025-03', debitMinor: 0n, creditMinor: 50_000n },
  { accountId: 'rent', period: '2025-03', debitMinor: 20_000n, creditMinor: 0n },
  { accountId: 'ar', period: '2026-02', debitMinor: 12_345n, creditMinor: 0n },
  { accountId: 'sales', period: '2026-02', debitMinor: 0n, creditMinor: 12_345n },
];

/**
 * A general ledger month of `lines` journal lines (two per entry, long memos and
 * references): for the PDF benchmarks and the streaming tests.
 */
export function longGeneralLedgerInputs(lines: number): ReportInputs {
  const accounts = [
    {
      id: 'a-cash',
      code: '1000',
      name: 'Cash at bank',
      type: 'asset' as const,
      subtype: 'current-asset' as const,
      isRetainedEarnings: false,
    },
    {
      id: 'a-ar',
      code: '1100',
      name: 'Accounts receivable',
      type: 'asset' as const,
      subtype: 'current-asset' as const,
      isRetainedEarnings: false,
    },
    { id: 'a-re', code: '3200', name: 'Retained earnings', type: 'equity' as const, subtype: 'equity' as const, isRetainedEarnings: true },
    {
      id: 'a-sales',
      code: '4000',
      name: 'Sales revenue',
      type: 'revenue' as const,
      subtype: 'revenue' as const,
      isRetainedEarnings: false,
    },
  ];
  const periodLines: PeriodLine[] = [];
  let debit = 0n;
  for (let i = 0; i < lines / 2; i++) {
    const amount = BigInt(10_000 + ((i * 7919) % 900_000));
    debit += amount;
    const date = `2026-10-${String(1 + (i % 31)).padStart(2, '0')}`;
    const common = {
      date,
      sequence: BigInt(i + 1),
      entryId: `e${i}`,
      memo: `Invoice ${10_000 + i} – goods sold`,
      reference: `INV-${10_000 + i}`,
      description: null,
    };
    periodLines.push({ ...common, accountId: 'a-ar', lineNo: 1, debitMinor: amount, creditMinor: 0n });
    periodLines.push({ ...common, accountId: 'a-sales', lineNo: 2, debitMinor: 0n, creditMinor: amount });
  }
  periodLines.sort((a, b) => a.date.localeCompare(b.date) || Number(a.sequence - b.sequence) || a.lineNo - b.lineNo);
  const inputs: ReportInputs = {
    organization: { id: 'org', name: 'Long Ledger Ltd', baseCurrency: 'EUR', fiscalYearStartMonth: 1 },
    period: '2026-10',
    periodClosed: true,
    accounts,
    activity: [
      { accountId: 'a-ar', beforeFiscalYear: 0n, fiscalYearBeforePeriod: 0n, periodDebit: debit, periodCredit: 0n },
      { accountId: 'a-sales', beforeFiscalYear: 0n, fiscalYearBeforePeriod: 0n, periodDebit: 0n, periodCredit: debit },
    ],
    lines: periodLines,
    asOfSequence: BigInt(lines),
    ledgerHash: null,
    builtAt: new Date(),
  };
  return inputs;
}
