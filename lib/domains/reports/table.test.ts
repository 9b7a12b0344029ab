// The statements' table layout (shared by the screen, PDF, CSV and XLSX): sub-type sections,
// profit lines, and comparative columns matched by account code.
import { describe, expect, it } from 'vitest';
import { buildBalanceSheet } from './projections/balance-sheet';
import { HISTORY, inputsFor, type HistoryRow } from './projections/fixtures';
import { buildIncomeStatement } from './projections/income-statement';
import { displayAmount, isAmountCell, reportTable, type TableRow } from './table';

const text = (rows: TableRow[]) =>
  rows.map((row) => row.cells.map((cell) => (cell === null ? '' : isAmountCell(cell) ? displayAmount(cell) : cell)).join(' | '));

const history: HistoryRow[] = [
  ...HISTORY,
  { accountId: 'cogs', period: '2026-03', debitMinor: 10_000n, creditMinor: 0n },
  { accountId: 'interest', period: '2026-03', debitMinor: 1_000n, creditMinor: 0n },
  { accountId: 'cash', period: '2026-03', debitMinor: 0n, creditMinor: 11_000n },
];

describe('income statement table', () => {
  it('shows gross profit and operating profit, and sections only where an account is', () => {
    const table = reportTable(buildIncomeStatement(inputsFor({ history, period: '2026-03', fiscalYearStartMonth: 1 })));
    expect(table.columns.map((column) => column.header)).toEqual(['Code', 'Account', 'Period', 'Year to date']);
    expect(text(table.rows)).toEqual([
      ' | Revenue |  | ',
      '4000 | Sales | 0.00 | 123.45',
      ' | Total revenue | 0.00 | 123.45',
      ' | Cost of sales |  | ',
      '5000 | Cost of goods sold | 100.00 | 100.00',
      ' | Total cost of sales | 100.00 | 100.00',
      ' | Gross profit | (100.00) | 23.45',
      ' | Operating expenses |  | ',
      ' | Total operating expenses | 0.00 | 0.00',
      ' | Operating profit | (100.00) | 23.45',
      ' | Other expenses |  | ',
      '6900 | Interest expense | 10.00 | 10.00',
      ' | Total other expenses | 10.00 | 10.00',
      ' | Net income | (110.00) | 13.45',
    ]);
  });

  it('puts the prior year beside each column, an account of either year on one row', () => {
    const table = reportTable(buildIncomeStatement(inputsFor({ history, period: '2026-03', fiscalYearStartMonth: 1, comparatives: true })));
    expect(table.columns.map((column) => column.header)).toEqual(['Code', 'Account', 'Period', 'Prior year', 'Year to date', 'Prior YTD']);
    const rows = text(table.rows);
    expect(rows).toContain('4000 | Sales | 0.00 | 500.00 | 123.45 | 500.00');
    // Rent had activity only in March 2025: its row shows 0.00 this year.
    expect(rows).toContain('6000 | Rent | 0.00 | 200.00 | 0.00 | 200.00');
    expect(rows).toContain(' | Operating profit | (100.00) | 300.00 | 23.45 | 300.00');
    expect(rows.at(-1)).toBe(' | Net income | (110.00) | 300.00 | 13.45 | 300.00');
    expect(table.notes).toContain('Prior year: March 2025; prior year to date: the fiscal year from 1 January 2025 to 31 March 2025');
  });

  it('keeps the revenue / expenses layout for a document built before sub-types', () => {
    const document = buildIncomeStatement(inputsFor({ history, period: '2026-03', fiscalYearStartMonth: 1 }));
    const { structure: _period, ...old } = { ...document, yearToDate: { ...document.yearToDate, structure: undefined } };
    expect(text(reportTable(old).rows).filter((row) => row.startsWith(' | '))).toEqual([
      ' | Revenue |  | ',
      ' | Total revenue | 0.00 | 123.45',
      ' | Expenses |  | ',
      ' | Total expenses | 110.00 | 110.00',
      ' | Net income | (110.00) | 13.45',
    ]);
  });
});

describe('balance sheet table', () => {
  it('splits current and non-current, with net current assets, net assets and the prior year end', () => {
    const withLoan: HistoryRow[] = [
      ...history,
      { accountId: 'equipment', period: '2026-03', debitMinor: 200_000n, creditMinor: 0n },
      { accountId: 'loan', period: '2026-03', debitMinor: 0n, creditMinor: 200_000n },
    ];
    const table = reportTable(
      buildBalanceSheet(inputsFor({ history: withLoan, period: '2026-03', fiscalYearStartMonth: 1, comparatives: true })),
    );
    expect(table.columns.map((column) => column.header)).toEqual(['Code', 'Account', '31 March 2026', '31 December 2025']);
    expect(text(table.rows)).toEqual([
      ' | Current assets |  | ',
      '1000 | Cash | 10,190.00 | 10,300.00',
      '1100 | Receivables | 123.45 | 0.00',
      ' | Total current assets | 10,313.45 | 10,300.00',
      ' | Non-current assets |  | ',
      '1500 | Equipment | 2,000.00 | 0.00',
      ' | Total non-current assets | 2,000.00 | 0.00',
      ' | Total assets | 12,313.45 | 10,300.00',
      ' | Current liabilities |  | ',
      ' | Total current liabilities | 0.00 | 0.00',
      ' | Non-current liabilities |  | ',
      '2500 | Bank loan | 2,000.00 | 0.00',
      ' | Total non-current liabilities | 2,000.00 | 0.00',
      ' | Total liabilities | 2,000.00 | 0.00',
      ' | Net current assets | 10,313.45 | 10,300.00',
      ' | Net assets | 10,313.45 | 10,300.00',
      ' | Equity |  | ',
      '3000 | Share capital | 10,000.00 | 10,000.00',
      '3200 | Retained earnings | 300.00 | 0.00',
      ' | Current year earnings | 13.45 | 300.00',
      ' | Total equity | 10,313.45 | 10,300.00',
      ' | Total liabilities and equity | 12,313.45 | 10,300.00',
    ]);
  });
});
