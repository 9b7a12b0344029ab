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

export interface IncomeStatementDocument extends ReportDocumentBase {
  type: 'income-statement';
  /** Activity inside the period. */
  revenue: StatementSection;
  expenses: StatementSection;
  /** revenue − expenses */
  netIncome: string;
  /** Fiscal year to date, through the end of the period. Same rows, same order. */
  yearToDate: { revenue: StatementSection; expenses: StatementSection; netIncome: string };
}

export interface BalanceSheetDocument extends ReportDocumentBase {
  type: 'balance-sheet';
  assets: StatementSection;
  liabilities: StatementSection;
  /** Equity accounts (retained earnings include earlier years' results) plus the fiscal year's result so far. */
  equity: StatementSection & { currentYearEarnings: string };
  totals: { assets: string; liabilitiesAndEquity: string };
}
