import { describe, expect, it } from 'vitest';
import { composeIncomeStatement, presetRange, rangeMonths } from './income-statement-range';
import { HISTORY, inputsFor, type HistoryRow } from './projections/fixtures';
import { buildIncomeStatement } from './projections/income-statement';
import { reportHeading, reportTable } from './table';

// Given: sales every month of 2026 (January 100.00, February 200.00, …), rent in February and
// a rent refund in March, so a row can be negative in one month and absent in another.
const history: HistoryRow[] = [
  ...HISTORY.filter((row) => !row.period.startsWith('2026')),
  ...Array.from({ length: 6 }, (_, index) => [
    { accountId: 'sales', period: `2026-0${index + 1}`, debitMinor: 0n, creditMinor: BigInt(index + 1) * 10_000n },
    { accountId: 'ar', period: `2026-0${index + 1}`, debitMinor: BigInt(index + 1) * 10_000n, creditMinor: 0n },
  ]).flat(),
  { accountId: 'rent', period: '2026-02', debitMinor: 30_000n, creditMinor: 0n },
  { accountId: 'cash', period: '2026-02', debitMinor: 0n, creditMinor: 30_000n },
  { accountId: 'rent', period: '2026-03', debitMinor: 0n, creditMinor: 5_000n },
  { accountId: 'cash', period: '2026-03', debitMinor: 5_000n, creditMinor: 0n },
];
const month = (period: string, fiscalYearStartMonth = 1) => buildIncomeStatement(inputsFor({ history, period, fiscalYearStartMonth }));

describe('composeIncomeStatement', () => {
  it('sums the months of the first quarter to what the year to date of March says', () => {
    const quarter = composeIncomeStatement(['2026-01', '2026-02', '2026-03'].map((period) => month(period)));
    const march = month('2026-03');
    expect(quarter.revenue).toEqual(march.yearToDate.revenue);
    expect(quarter.expenses).toEqual(march.yearToDate.expenses);
    expect(quarter.netIncome).toBe(march.yearToDate.netIncome);
    expect(quarter.netIncome).toBe('350.00'); // 100 + 200 + 300 − 300 + 50
    expect(quarter.yearToDate).toEqual(march.yearToDate);
    expect(reportHeading(quarter)).toBe('Income Statement for the three months ended 31 March 2026');
  });

  it('lines up a range across fiscal years: the same accounts in both columns', () => {
    // Fiscal year from April: the range March–May spans two fiscal years.
    const months = ['2026-03', '2026-04', '2026-05'].map((period) => month(period, 4));
    const range = composeIncomeStatement(months);
    expect(range.revenue.rows.map((row) => row.accountCode)).toEqual(range.yearToDate.revenue.rows.map((row) => row.accountCode));
    expect(range.expenses.rows).toEqual([{ accountCode: '6000', accountName: 'Rent', amount: '-50.00' }]);
    expect(range.yearToDate.expenses.rows).toEqual([{ accountCode: '6000', accountName: 'Rent', amount: '0.00' }]);
    expect(range.revenue.total).toBe('1200.00');
    expect(range.yearToDate.revenue.total).toBe('900.00'); // April and May
    expect(range.periodStart).toBe('2026-03-01');
    expect(range.periodEnd).toBe('2026-05-31');
  });

  it("compares a range with the same months a year earlier (the months' comparatives summed)", () => {
    // Q1 2027 against Q1 2026: the 2026 sales (100 + 200 + 300) and rent (300 − 50).
    const withComparatives = (period: string) =>
      buildIncomeStatement(inputsFor({ history, period, fiscalYearStartMonth: 1, comparatives: true }));
    const quarter = composeIncomeStatement(['2027-01', '2027-02', '2027-03'].map(withComparatives));
    expect(quarter.comparative).toMatchObject({
      period: '2026-03',
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
      revenue: { rows: [{ accountCode: '4000', amount: '600.00' }], total: '600.00' },
      netIncome: '350.00',
      structure: { grossProfit: '600.00', operatingProfit: '350.00' },
      yearToDate: { netIncome: '350.00' },
    });
    expect(reportTable(quarter).notes).toContain(
      'Prior year: 1 January 2026 to 31 March 2026; prior year to date: the fiscal year from 1 January 2026 to 31 March 2026',
    );
    // A month without a comparative (built before they existed): the range has none.
    const { comparative: _none, ...old } = withComparatives('2027-02');
    expect(composeIncomeStatement([withComparatives('2027-01'), old]).comparative).toBeUndefined();
  });

  it('is the month itself for one month, and is a draft while any month is open', () => {
    const february = month('2026-02');
    expect(composeIncomeStatement([february])).toBe(february);
    const closed = { ...february, periodClosed: true };
    expect(composeIncomeStatement([closed, month('2026-03')]).periodClosed).toBe(false);
    expect(composeIncomeStatement([closed, { ...month('2026-03'), periodClosed: true }]).periodClosed).toBe(true);
  });
});

describe('presetRange', () => {
  it.each([
    ['month', '2026-05', 1, { from: '2026-05', to: '2026-05' }],
    ['quarter', '2026-05', 1, { from: '2026-04', to: '2026-06' }],
    ['quarter', '2026-05', 2, { from: '2026-05', to: '2026-07' }],
    ['ytd', '2026-05', 1, { from: '2026-01', to: '2026-05' }],
    ['ytd', '2026-02', 4, { from: '2025-04', to: '2026-02' }],
  ] as const)('%s of %s (fiscal year from month %i)', (preset, period, fiscalYearStartMonth, expected) => {
    expect(presetRange({ preset, period, fiscalYearStartMonth })).toEqual(expected);
  });

  it('ends a quarter or year to date that reaches past the current month at the current month, and says so', () => {
    // November 2026: the calendar Q4 runs to December, which has not happened yet.
    expect(presetRange({ preset: 'quarter', period: '2026-11', fiscalYearStartMonth: 1, current: '2026-11' })).toEqual({
      from: '2026-10',
      to: '2026-11',
      clipped: { presetEnd: '2026-12' },
    });
    // A year to date asked for a month ahead (a link from the future) stops at today's month.
    expect(presetRange({ preset: 'ytd', period: '2027-01', fiscalYearStartMonth: 4, current: '2026-11' })).toEqual({
      from: '2026-04',
      to: '2026-11',
      clipped: { presetEnd: '2027-01' },
    });
    // A past quarter and one that ends this month: as they are.
    expect(presetRange({ preset: 'quarter', period: '2026-05', fiscalYearStartMonth: 1, current: '2026-11' })).toEqual({
      from: '2026-04',
      to: '2026-06',
    });
    // Fiscal year from February: the quarter November–January, seen in December.
    expect(presetRange({ preset: 'quarter', period: '2026-12', fiscalYearStartMonth: 2, current: '2026-12' })).toEqual({
      from: '2026-11',
      to: '2026-12',
      clipped: { presetEnd: '2027-01' },
    });
    expect(presetRange({ preset: 'quarter', period: '2026-10', fiscalYearStartMonth: 2, current: '2026-10' })).toEqual({
      from: '2026-08',
      to: '2026-10',
    });
  });

  it('takes a custom range as given, at most twelve months, never backwards', () => {
    expect(presetRange({ preset: 'custom', period: '2026-05', fiscalYearStartMonth: 1, from: '2026-02', to: '2026-04' })).toEqual({
      from: '2026-02',
      to: '2026-04',
    });
    expect(
      rangeMonths(presetRange({ preset: 'custom', period: '2026-05', fiscalYearStartMonth: 1, from: '2020-01', to: '2026-04' })),
    ).toHaveLength(12);
    expect(presetRange({ preset: 'custom', period: '2026-05', fiscalYearStartMonth: 1, from: '2026-06', to: '2026-04' })).toEqual({
      from: '2026-04',
      to: '2026-04',
    });
  });
});
