import type { AccountType } from '../../accounting/account-types';
import type { ReportDocumentBase } from './base';

export interface TrialBalanceRow {
  accountCode: string;
  accountName: string;
  accountType: AccountType;
  /** "0.00" when the balance is on the other side. */
  debit: string;
  credit: string;
}

export interface TrialBalanceDocument extends ReportDocumentBase {
  type: 'trial-balance';
  rows: TrialBalanceRow[];
  totals: { debit: string; credit: string };
}
