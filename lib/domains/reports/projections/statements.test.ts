// Hand-checked numbers for the income statement, balance sheet and general ledger, on the
// history in fixtures.ts.
import { describe, expect, it } from 'vitest';
import { buildBalanceSheet } from './balance-sheet';
import { HISTORY, inputsFor, type HistoryRow } from './fixtures';
import { buildGeneralLedger } from './general-ledger';
import { buildIncomeStatement } from './income-statement';
import type { PeriodLine } from './inputs';

const amounts = (section: { rows: { accountCode: string; amount: string }[]; total: string }) => [
  ...section.rows.map((row) => [row.accountCode, row.amount]),
  ['total', section.total],
];

describe('buildIncomeStatement', () => {
  it('shows the period and the fiscal year to date', () => {
    // April fiscal year: 2025-03 is the last month of FY 2024/25.
    const history: HistoryRow[] = [
      ...HISTORY,
      { accountId: 'rent', period: '2025-02', debitMinor: 5_000n, creditMinor: 0n },
      { accountId: 'cash', period: '2025-02', debitMinor: 0n, creditMinor: 5_000n },
    ];
    const document = buildIncomeStatement(inputsFor({ history, period: '2025-03', fiscalYearStartMonth: 4 }));
    expect(amounts(document.revenue)).toEqual([
      ['4000', '500.00'],
      ['total', '500.00'],
    ]);
    expect(amounts(document.expenses)).toEqual([
      ['6000', '200.00'],
      ['total', '200.00'],
    ]);
    expect(document.netIncome).toBe('300.00');
    expect(amounts(document.yearToDate.expenses)).toEqual([
      ['6000', '250.00'],
      ['total', '250.00'],
    ]);
    expect(document.yearToDate.netIncome).toBe('250.00');
    // A new fiscal year starts from zero.
    const next = buildIncomeStatement(inputsFor({ history, period: '2025-04', fiscalYearStartMonth: 4 }));
    expect([next.revenue.rows, next.expenses.rows, next.netIncome, next.yearToDate.netIncome]).toEqual([[], [], '0.00', '0.00']);
  });

  it('lists an account with only year-to-date activity in both columns', () => {
    const document = buildIncomeStatement(inputsFor({ history: HISTORY, period: '2025-05', fiscalYearStartMonth: 1 }));
    expect(amounts(document.revenue)).toEqual([
      ['4000', '0.00'],
      ['total', '0.00'],
    ]);
    expect(amounts(document.yearToDate.revenue)).toEqual([
      ['4000', '500.00'],
      ['total', '500.00'],
    ]);
    expect(document.yearToDate.netIncome).toBe('300.00');
  });

  it('shows a loss as a negative net income', () => {
    const history: HistoryRow[] = [
      { accountId: 'rent', period: '2026-01', debitMinor: 99_999n, creditMinor: 0n },
      { accountId: 'cash', period: '2026-01', debitMinor: 0n, creditMinor: 99_999n },
    ];
    expect(buildIncomeStatement(inputsFor({ history, period: '2026-01', fiscalYearStartMonth: 1 })).netIncome).toBe('-999.99');
  });
});

describe('buildBalanceSheet', () => {
  it('balances with retained earnings and current year earnings', () => {
    const document = buildBalanceSheet(inputsFor({ history: HISTORY, period: '2026-02', fiscalYearStartMonth: 1 }));
    expect(amounts(document.assets)).toEqual([
      ['1000', '10300.00'],
      ['1100', '123.45'],
      ['total', '10423.45'],
    ]);
    expect(amounts(document.liabilities)).toEqual([['total', '0.00']]);
    expect(amounts(document.equity)).toEqual([
      ['3000', '10000.00'],
      ['3200', '300.00'],
      ['total', '10423.45'],
    ]);
    expect(document.equity.currentYearEarnings).toBe('123.45');
    expect(document.totals).toEqual({ assets: '10423.45', liabilitiesAndEquity: '10423.45' });
  });

  it('keeps the year result in current year earnings until the fiscal year ends (April year)', () => {
    const march = buildBalanceSheet(inputsFor({ history: HISTORY, period: '2025-03', fiscalYearStartMonth: 4 }));
    expect([amounts(march.equity), march.equity.currentYearEarnings]).toEqual([
      [
        ['3000', '10000.00'],
        ['total', '10300.00'],
      ],
      '300.00',
    ]);
    const april = buildBalanceSheet(inputsFor({ history: HISTORY, period: '2025-04', fiscalYearStartMonth: 4 }));
    expect([amounts(april.equity), april.equity.currentYearEarnings]).toEqual([
      [
        ['3000', '10000.00'],
        ['3200', '300.00'],
        ['total', '10300.00'],
      ],
      '0.00',
    ]);
  });

  it('shows a liability credit-positive', () => {
    const history: HistoryRow[] = [
      { accountId: 'rent', period: '2026-03', debitMinor: 75_000n, creditMinor: 0n },
      { accountId: 'ap', period: '2026-03', debitMinor: 0n, creditMinor: 75_000n },
    ];
    const document = buildBalanceSheet(inputsFor({ history, period: '2026-03', fiscalYearStartMonth: 1 }));
    expect(amounts(document.liabilities)).toEqual([
      ['2000', '750.00'],
      ['total', '750.00'],
    ]);
    expect(document.equity.currentYearEarnings).toBe('-750.00');
    expect(document.totals).toEqual({ assets: '0.00', liabilitiesAndEquity: '0.00' });
  });
});

describe('buildGeneralLedger', () => {
  const line = (accountId: string, date: string, sequence: number, debit: bigint, credit: bigint): PeriodLine => ({
    accountId,
    date,
    sequence: BigInt(sequence),
    entryId: `e${sequence}`,
    lineNo: 1,
    memo: `entry ${sequence}`,
    reference: null,
    description: null,
    debitMinor: debit,
    creditMinor: credit,
  });

  it('runs each account from its opening to its closing balance', () => {
    const history: HistoryRow[] = [
      ...HISTORY,
      { accountId: 'cash', period: '2026-02', debitMinor: 12_345n, creditMinor: 2_000n },
      { accountId: 'ar', period: '2026-02', debitMinor: 0n, creditMinor: 12_345n },
      { accountId: 'rent', period: '2026-02', debitMinor: 2_000n, creditMinor: 0n },
    ];
    const lines = [
      line('ar', '2026-02-03', 10, 12_345n, 0n),
      line('sales', '2026-02-03', 10, 0n, 12_345n),
      line('cash', '2026-02-10', 11, 12_345n, 0n),
      line('ar', '2026-02-10', 11, 0n, 12_345n),
      line('rent', '2026-02-20', 12, 2_000n, 0n),
      line('cash', '2026-02-20', 12, 0n, 2_000n),
    ];
    const document = buildGeneralLedger(inputsFor({ history, period: '2026-02', fiscalYearStartMonth: 1, lines }));
    expect(
      document.accounts.map((account) => [account.accountCode, account.opening, account.lines.map((l) => l.balance), account.closing]),
    ).toEqual([
      ['1000', '10300.00', ['10423.45', '10403.45'], '10403.45'],
      ['1100', '0.00', ['123.45', '0.00'], '0.00'],
      ['4000', '0.00', ['123.45'], '123.45'],
      ['6000', '0.00', ['20.00'], '20.00'],
    ]);
    expect(document.accounts[2]?.balanceDirection).toBe('credit');
    expect(document.totals).toEqual({ debit: '266.90', credit: '266.90' }); // 123.45 + 123.45 + 20.00
  });

  it('refuses lines that do not add up to the period balances', () => {
    expect(() =>
      buildGeneralLedger(
        inputsFor({
          history: HISTORY,
          period: '2026-02',
          fiscalYearStartMonth: 1,
          lines: [line('ar', '2026-02-03', 10, 1n, 0n), line('sales', '2026-02-03', 10, 0n, 1n)],
        }),
      ),
    ).toThrow(/closing balance/);
  });
});

describe('statement structure by account sub-type', () => {
  // March 2026: sales 1,000.00, cost of sales 400.00, rent 250.00, interest received 20.00,
  // interest paid 30.00 → gross profit 600.00, operating profit 350.00, net income 340.00.
  const march: HistoryRow[] = [
    { accountId: 'sales', period: '2026-03', debitMinor: 0n, creditMinor: 100_000n },
    { accountId: 'cogs', period: '2026-03', debitMinor: 40_000n, creditMinor: 0n },
    { accountId: 'rent', period: '2026-03', debitMinor: 25_000n, creditMinor: 0n },
    { accountId: 'interest-income', period: '2026-03', debitMinor: 0n, creditMinor: 2_000n },
    { accountId: 'interest', period: '2026-03', debitMinor: 3_000n, creditMinor: 0n },
    { accountId: 'cash', period: '2026-03', debitMinor: 34_000n, creditMinor: 0n },
    // Equipment bought with a five-year loan, and a supplier bill not yet paid.
    { accountId: 'equipment', period: '2026-03', debitMinor: 500_000n, creditMinor: 0n },
    { accountId: 'loan', period: '2026-03', debitMinor: 0n, creditMinor: 500_000n },
    { accountId: 'ar', period: '2026-03', debitMinor: 7_500n, creditMinor: 0n },
    { accountId: 'ap', period: '2026-03', debitMinor: 0n, creditMinor: 7_500n },
  ];
  const history = [...HISTORY, ...march];

  it('splits the income statement into gross profit, operating profit and other items', () => {
    const document = buildIncomeStatement(inputsFor({ history, period: '2026-03', fiscalYearStartMonth: 1 }));
    const structure = document.structure;
    expect(structure && amounts(structure.revenue)).toEqual([
      ['4000', '1000.00'],
      ['total', '1000.00'],
    ]);
    expect(structure && amounts(structure.costOfSales)).toEqual([
      ['5000', '400.00'],
      ['total', '400.00'],
    ]);
    expect(structure?.grossProfit).toBe('600.00');
    expect(structure && amounts(structure.operatingExpenses)).toEqual([
      ['6000', '250.00'],
      ['total', '250.00'],
    ]);
    expect(structure?.operatingProfit).toBe('350.00');
    expect(structure && amounts(structure.otherIncome)).toEqual([
      ['4900', '20.00'],
      ['total', '20.00'],
    ]);
    expect(structure && amounts(structure.otherExpenses)).toEqual([
      ['6900', '30.00'],
      ['total', '30.00'],
    ]);
    // The existing fields are unchanged: every revenue and every expense account.
    expect(amounts(document.revenue)).toEqual([
      ['4000', '1000.00'],
      ['4900', '20.00'],
      ['total', '1020.00'],
    ]);
    expect(document.expenses.total).toBe('680.00');
    expect(document.netIncome).toBe('340.00'); // 350 + 20 − 30
    // The year to date has its own structure: February's 123.45 of sales are in it.
    expect(document.yearToDate.structure?.grossProfit).toBe('723.45');
    expect(document.yearToDate.structure?.operatingProfit).toBe('473.45');
    expect(document.yearToDate.netIncome).toBe('463.45');
  });

  it('splits the balance sheet into current and non-current, with net current assets and net assets', () => {
    const document = buildBalanceSheet(inputsFor({ history, period: '2026-03', fiscalYearStartMonth: 1 }));
    const structure = document.structure;
    expect(structure && amounts(structure.currentAssets)).toEqual([
      ['1000', '10640.00'],
      ['1100', '198.45'],
      ['total', '10838.45'],
    ]);
    expect(structure && amounts(structure.nonCurrentAssets)).toEqual([
      ['1500', '5000.00'],
      ['total', '5000.00'],
    ]);
    expect(structure && amounts(structure.currentLiabilities)).toEqual([
      ['2000', '75.00'],
      ['total', '75.00'],
    ]);
    expect(structure && amounts(structure.nonCurrentLiabilities)).toEqual([
      ['2500', '5000.00'],
      ['total', '5000.00'],
    ]);
    expect(structure?.netCurrentAssets).toBe('10763.45'); // 10,838.45 − 75.00
    expect(structure?.netAssets).toBe('10763.45'); // 15,838.45 − 5,075.00
    expect(structure?.netAssets).toBe(document.equity.total);
    expect(document.totals).toEqual({ assets: '15838.45', liabilitiesAndEquity: '15838.45' });
  });
});

describe('comparatives', () => {
  it('income statement: the same month a year earlier and its year to date, by the same rules', () => {
    // 2026-03 against 2025-03 (sale 500.00, rent 200.00); calendar fiscal year.
    const document = buildIncomeStatement(inputsFor({ history: HISTORY, period: '2026-03', fiscalYearStartMonth: 1, comparatives: true }));
    const comparative = document.comparative;
    expect(comparative).toMatchObject({ period: '2025-03', periodStart: '2025-03-01', periodEnd: '2025-03-31', netIncome: '300.00' });
    expect(comparative && amounts(comparative.revenue)).toEqual([
      ['4000', '500.00'],
      ['total', '500.00'],
    ]);
    expect(comparative?.structure?.grossProfit).toBe('500.00');
    expect(comparative?.structure?.operatingProfit).toBe('300.00');
    expect(comparative?.yearToDate.netIncome).toBe('300.00');
    // The main figures are those of a build without comparatives.
    const plain = buildIncomeStatement(inputsFor({ history: HISTORY, period: '2026-03', fiscalYearStartMonth: 1 }));
    expect({ ...document, comparative: undefined }).toEqual({ ...plain, comparative: undefined });
  });

  it('income statement: the prior year to date starts at the previous fiscal year start (April year)', () => {
    // Fiscal year from April: 2026-03's comparative is 2025-03, whose year runs from 2024-04.
    const history: HistoryRow[] = [
      ...HISTORY,
      { accountId: 'rent', period: '2024-05', debitMinor: 1_000n, creditMinor: 0n },
      { accountId: 'cash', period: '2024-05', debitMinor: 0n, creditMinor: 1_000n },
      { accountId: 'rent', period: '2024-03', debitMinor: 7_000n, creditMinor: 0n }, // the year before: not in it
      { accountId: 'cash', period: '2024-03', debitMinor: 0n, creditMinor: 7_000n },
    ];
    const document = buildIncomeStatement(inputsFor({ history, period: '2026-03', fiscalYearStartMonth: 4, comparatives: true }));
    expect(document.comparative?.expenses.total).toBe('200.00');
    expect(document.comparative?.yearToDate.expenses.total).toBe('210.00');
    expect(document.comparative?.yearToDate.netIncome).toBe('290.00');
  });

  it('balance sheet: the position at the end of the previous fiscal year', () => {
    const document = buildBalanceSheet(inputsFor({ history: HISTORY, period: '2026-02', fiscalYearStartMonth: 1, comparatives: true }));
    const comparative = document.comparative;
    expect(comparative).toMatchObject({ period: '2025-12', asOf: '2025-12-31' });
    expect(comparative && amounts(comparative.assets)).toEqual([
      ['1000', '10300.00'],
      ['total', '10300.00'],
    ]);
    // Seen from 2025-12, FY 2025's result is that year's current year earnings.
    expect(comparative?.equity.currentYearEarnings).toBe('300.00');
    expect(comparative?.totals).toEqual({ assets: '10300.00', liabilitiesAndEquity: '10300.00' });
    expect(comparative?.structure?.netAssets).toBe('10300.00');
    // April fiscal year: 2026-02 is in FY 2025/26, so the prior year end is 2025-03.
    const april = buildBalanceSheet(inputsFor({ history: HISTORY, period: '2026-02', fiscalYearStartMonth: 4, comparatives: true }));
    expect(april.comparative).toMatchObject({ period: '2025-03', asOf: '2025-03-31' });
    expect(april.comparative?.totals.assets).toBe('10300.00');
    // Before any activity the comparative is all zero, and still balances.
    const first = buildBalanceSheet(inputsFor({ history: HISTORY, period: '2025-06', fiscalYearStartMonth: 1, comparatives: true }));
    expect(first.comparative?.totals).toEqual({ assets: '0.00', liabilitiesAndEquity: '0.00' });
  });
});
