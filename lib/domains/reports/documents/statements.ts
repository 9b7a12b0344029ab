import type { ReportDocumentBase } from './base';

/** Amounts in statements are shown in the normal direction of the account's type. */
export interface StatementRow {
  accountCode: string;
  accountName: string;
  amount: string;
}

export interface StatementSection {
  rows: StatementRow[];
  total: string;
}

/**
 * The income statement's face by account sub-type (issue 15 item 5): the rows of `revenue`
 * and `expenses` split into their sub-types, in the same order, with the profit lines
 * between them. Net income is the document's.
 */
export interface IncomeStatementStructure {
  /** Revenue accounts of sub-type "revenue" (other income is below operating profit). */
  revenue: StatementSection;
  costOfSales: StatementSection;
  /** revenue − cost of sales */
  grossProfit: string;
  operatingExpenses: StatementSection;
  /** gross profit − operating expenses */
  operatingProfit: string;
  otherIncome: StatementSection;
  /** Interest, tax and other non-operating expenses. */
  otherExpenses: StatementSection;
}

/** One column of an income statement: the period's, or the fiscal year to date's. */
export interface IncomeStatementColumn {
  revenue: StatementSection;
  expenses: StatementSection;
  /** revenue − expenses = operating profit + other income − other expenses */
  netIncome: string;
  /** Absent on documents built before sub-types existed (schemaVersion 1 without it). */
  structure?: IncomeStatementStructure;
}

export interface IncomeStatementDocument extends ReportDocumentBase, IncomeStatementColumn {
  type: 'income-statement';
  /** Fiscal year to date, through the end of the period. Same rows, same order. */
  yearToDate: IncomeStatementColumn;
  /**
   * The same month a year earlier and its fiscal year to date (issue 13 item 4), built from
   * the same snapshot of the books. Its rows are its own (accounts with activity then);
   * renderers match them to the main rows by account code.
   */
  comparative?: IncomeStatementColumn & { period: string; periodStart: string; periodEnd: string; yearToDate: IncomeStatementColumn };
}

/** The balance sheet's current / non-current split (issue 15 item 5); the rows of `assets` and `liabilities` by sub-type. */
export interface BalanceSheetStructure {
  currentAssets: StatementSection;
  nonCurrentAssets: StatementSection;
  currentLiabilities: StatementSection;
  nonCurrentLiabilities: StatementSection;
  /** current assets − current liabilities */
  netCurrentAssets: string;
  /** total assets − total liabilities (= total equity) */
  netAssets: string;
}

export interface BalanceSheetFigures {
  assets: StatementSection;
  liabilities: StatementSection;
  /** Equity accounts (retained earnings include earlier years' results) plus the fiscal year's result so far. */
  equity: StatementSection & { currentYearEarnings: string };
  totals: { assets: string; liabilitiesAndEquity: string };
  /** Absent on documents built before sub-types existed. */
  structure?: BalanceSheetStructure;
}

export interface BalanceSheetDocument extends ReportDocumentBase, BalanceSheetFigures {
  type: 'balance-sheet';
  /**
   * The position at the end of the previous fiscal year (issue 13 item 4): `period` is that
   * year's last month, `asOf` its last day. The same figures as that month's balance sheet.
   */
  comparative?: BalanceSheetFigures & { period: string; asOf: string };
}
