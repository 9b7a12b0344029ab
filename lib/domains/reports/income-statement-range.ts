// Income statements over more than one month (a quarter, the fiscal year to date, a custom
// range), composed on request from the stored monthly documents' figures: each month's
// document is exact and up to date, so their sum by account is the range's activity. The
// year-to-date column is the last month's. Pure: documents in, document out.
import { addMonths, comparePeriods, fiscalYearStart, periodRange } from '../accounting/periods';
import { formatMinor, parseSignedAmount, sumMinor } from '../money/money';
import type { IncomeStatementColumn, IncomeStatementDocument, StatementSection } from './documents';

/** Longest range composed on request (each month is one document read). */
export const MAX_RANGE_MONTHS = 12;

export const RANGE_PRESETS = ['month', 'quarter', 'ytd', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

/**
 * The months a preset covers, ending with or around `period`: the month itself; the fiscal
 * quarter that contains it; the fiscal year from its first month through `period`; or
 * `from`–`to` (clamped to MAX_RANGE_MONTHS ending at `to`). With `current` (the current
 * month, from the caller's clock), a quarter or year to date that reaches past it ends at
 * it instead: months that have not happened have no figures, and counting them as zero
 * would make "Q4" look complete. `clipped` then names the preset's own last month, so the
 * screen can say so.
 */
export function presetRange(options: {
  preset: RangePreset;
  period: string;
  fiscalYearStartMonth: number;
  from?: string;
  to?: string;
  current?: string;
}): { from: string; to: string; clipped?: { presetEnd: string } } {
  const range = presetMonths(options);
  const { current } = options;
  if (
    (options.preset === 'quarter' || options.preset === 'ytd') &&
    current &&
    comparePeriods(range.from, current) <= 0 &&
    comparePeriods(range.to, current) > 0
  ) {
    return { from: range.from, to: current, clipped: { presetEnd: range.to } };
  }
  return range;
}

function presetMonths(options: { preset: RangePreset; period: string; fiscalYearStartMonth: number; from?: string; to?: string }): {
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

/** The months' income statements (consecutive, oldest first, one organization) as one statement for the range. */
export function composeIncomeStatement(months: IncomeStatementDocument[]): IncomeStatementDocument {
  const first = months[0];
  const last = months.at(-1);
  if (!first || !last) throw new Error('composeIncomeStatement needs at least one month');
  if (months.length === 1) return first;
  const { comparative: _lastComparative, structure: _lastStructure, ...base } = last;
  const columns = composeColumns(months, last.yearToDate);
  // The comparative of a range is the same months a year earlier: the sum of each month's
  // comparative (each is exact), with the last one's prior year to date. Only when every
  // month has one (documents built before comparatives existed have none).
  const comparatives = months.map((month) => month.comparative);
  const firstComparative = comparatives[0];
  const lastComparative = comparatives.at(-1);
  const complete = comparatives.filter((each) => each !== undefined);
  const comparativeColumns =
    lastComparative && complete.length === months.length ? composeColumns(complete, lastComparative.yearToDate) : null;
  const comparative =
    firstComparative && lastComparative && comparativeColumns
      ? {
          period: lastComparative.period,
          periodStart: firstComparative.periodStart,
          periodEnd: lastComparative.periodEnd,
          ...comparativeColumns.period,
          yearToDate: comparativeColumns.year,
        }
      : null;
  return {
    ...base,
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
    ...columns.period,
    yearToDate: columns.year,
    ...(comparative ? { comparative } : {}),
  };
}

/**
 * The months' columns summed by account, and the year to date beside them, each section of
 * both listing every account of any month or of the year to date, in one order (the
 * documents' promise: the period and year-to-date columns list the same rows).
 */
function composeColumns(
  months: IncomeStatementColumn[],
  yearToDate: IncomeStatementColumn,
): { period: IncomeStatementColumn; year: IncomeStatementColumn } {
  const amountOf = (section: StatementSection | undefined, code: string) =>
    parseSignedAmount(section?.rows.find((row) => row.accountCode === code)?.amount ?? '0.00');
  const section = (pick: (column: IncomeStatementColumn) => StatementSection | undefined) => {
    const names = new Map<string, string>();
    for (const column of [...months, yearToDate]) for (const row of pick(column)?.rows ?? []) names.set(row.accountCode, row.accountName);
    const accounts = [...names].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
    const rows = (amount: (code: string) => bigint) =>
      accounts.map(([accountCode, accountName]) => ({ accountCode, accountName, amount: formatMinor(amount(accountCode)) }));
    return {
      period: {
        rows: rows((code) => sumMinor(months.map((month) => amountOf(pick(month), code)))),
        total: formatMinor(sumMinor(months.map((month) => parseSignedAmount(pick(month)?.total ?? '0.00')))),
      },
      year: { rows: rows((code) => amountOf(pick(yearToDate), code)), total: pick(yearToDate)?.total ?? '0.00' },
    };
  };
  const sum = (pick: (column: IncomeStatementColumn) => string) =>
    formatMinor(sumMinor(months.map((month) => parseSignedAmount(pick(month)))));
  const revenue = section((column) => column.revenue);
  const expenses = section((column) => column.expenses);
  const period: IncomeStatementColumn = {
    revenue: revenue.period,
    expenses: expenses.period,
    netIncome: sum((column) => column.netIncome),
  };
  const year: IncomeStatementColumn = { revenue: revenue.year, expenses: expenses.year, netIncome: yearToDate.netIncome };
  if (!months.every((month) => month.structure !== undefined) || !yearToDate.structure) return { period, year };
  const parts = {
    revenue: section((column) => column.structure?.revenue),
    costOfSales: section((column) => column.structure?.costOfSales),
    operatingExpenses: section((column) => column.structure?.operatingExpenses),
    otherIncome: section((column) => column.structure?.otherIncome),
    otherExpenses: section((column) => column.structure?.otherExpenses),
  };
  const structure = (column: 'period' | 'year') => ({
    revenue: parts.revenue[column],
    costOfSales: parts.costOfSales[column],
    grossProfit: column === 'period' ? sum((each) => each.structure?.grossProfit ?? '0.00') : (yearToDate.structure?.grossProfit ?? '0.00'),
    operatingExpenses: parts.operatingExpenses[column],
    operatingProfit:
      column === 'period' ? sum((each) => each.structure?.operatingProfit ?? '0.00') : (yearToDate.structure?.operatingProfit ?? '0.00'),
    otherIncome: parts.otherIncome[column],
    otherExpenses: parts.otherExpenses[column],
  });
  return { period: { ...period, structure: structure('period') }, year: { ...year, structure: structure('year') } };
}
