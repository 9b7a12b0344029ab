// Income statements over more than one month (a quarter, the fiscal year to date, a custom
// range), composed on request from the stored monthly documents' figures: each month's
// document is exact and up to date, so their sum by account is the range's activity. The
// year-to-date column is the last month's. Pure: documents in, document out.
import { addMonths, comparePeriods, fiscalYearStart, periodRange } from '../accounting/periods';
import { formatMinor, parseSignedAmount, sumMinor } from '../money/money';
import type { IncomeStatementDocument, StatementRow, StatementSection } from './documents';

/** Longest range composed on request (each month is one document read). */
export const MAX_RANGE_MONTHS = 12;

export const RANGE_PRESETS = ['month', 'quarter', 'ytd', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

/**
 * The months a preset covers, ending with or around `period`: the month itself; the fiscal
 * quarter that contains it; the fiscal year from its first month through `period`; or
 * `from`–`to` (clamped to MAX_RANGE_MONTHS ending at `to`).
 */
export function presetRange(options: { preset: RangePreset; period: string; fiscalYearStartMonth: number; from?: string; to?: string }): {
  from: string;
  to: string;
} {
  const { period } = options;
  const yearStart = fiscalYearStart(period, options.fiscalYearStartMonth);
  switch (options.preset) {
    case 'month':
      return { from: period, to: period };
    case 'quarter': {
      const offset = comparePeriods(period, yearStart);
      const from = addMonths(yearStart, offset - (offset % 3));
      return { from, to: addMonths(from, 2) };
    }
    case 'ytd':
      return { from: yearStart, to: period };
    case 'custom': {
      const to = options.to ?? period;
      const from = options.from && comparePeriods(options.from, to) <= 0 ? options.from : to;
      const earliest = addMonths(to, -(MAX_RANGE_MONTHS - 1));
      return { from: comparePeriods(from, earliest) < 0 ? earliest : from, to };
    }
  }
}

export function rangeMonths(range: { from: string; to: string }): string[] {
  return periodRange(range.from, range.to);
}

type Columns = Pick<IncomeStatementDocument, 'revenue' | 'expenses' | 'netIncome'>;

/** The months' income statements (consecutive, oldest first, one organization) as one statement for the range. */
export function composeIncomeStatement(months: IncomeStatementDocument[]): IncomeStatementDocument {
  const first = months[0];
  const last = months.at(-1);
  if (!first || !last) throw new Error('composeIncomeStatement needs at least one month');
  if (months.length === 1) return first;
  const amountOf = (section: StatementSection, code: string) =>
    parseSignedAmount(section.rows.find((row) => row.accountCode === code)?.amount ?? '0.00');
  // Both columns list the same accounts in the same order (table.ts pairs them by index):
  // every account of any month of the range or of the year to date, by code.
  const section = (pick: (columns: Columns) => StatementSection) => {
    const names = new Map<string, string>();
    for (const columns of [...months, last.yearToDate]) for (const row of pick(columns).rows) names.set(row.accountCode, row.accountName);
    const accounts = [...names].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
    const rows = (amount: (code: string) => bigint): StatementRow[] =>
      accounts.map(([accountCode, accountName]) => ({ accountCode, accountName, amount: formatMinor(amount(accountCode)) }));
    return {
      period: {
        rows: rows((code) => sumMinor(months.map((month) => amountOf(pick(month), code)))),
        total: formatMinor(sumMinor(months.map((month) => parseSignedAmount(pick(month).total)))),
      },
      year: { rows: rows((code) => amountOf(pick(last.yearToDate), code)), total: pick(last.yearToDate).total },
    };
  };
  const revenue = section((columns) => columns.revenue);
  const expenses = section((columns) => columns.expenses);
  return {
    ...last,
    id: `${first.id}-${last.id}`,
    periodStart: first.periodStart,
    // Every month must include the ledger up to here for the sum to be the range's activity.
    asOfSequence: Math.min(...months.map((month) => month.asOfSequence)),
    builtAt:
      months
        .map((month) => month.builtAt)
        .sort()
        .at(-1) ?? last.builtAt,
    periodClosed: months.every((month) => month.periodClosed),
    revenue: revenue.period,
    expenses: expenses.period,
    netIncome: formatMinor(sumMinor(months.map((month) => parseSignedAmount(month.netIncome)))),
    yearToDate: { revenue: revenue.year, expenses: expenses.year, netIncome: last.yearToDate.netIncome },
  };
}
