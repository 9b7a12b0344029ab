import type { AccountType } from '../../accounting/account-types';
import type { ReportDocumentBase } from './base';

export interface LedgerLine {
  date: string;
  sequence: number;
  entryId: string;
  memo: string;
  reference: string | null;
  description: string | null;
  debit: string;
  credit: string;
  /** Running balance after this line, in the account's normal direction. */
  balance: string;
}

export interface LedgerAccount {
  accountCode: string;
  accountName: string;
  accountType: AccountType;
  /** Balances below are positive when on this side. */
  balanceDirection: 'debit' | 'credit';
  opening: string;
  lines: LedgerLine[];
  totals: { debit: string; credit: string };
  closing: string;
}

export interface GeneralLedgerDocument extends ReportDocumentBase {
  type: 'general-ledger';
  /** Accounts with activity in the period, by code. */
  accounts: LedgerAccount[];
  totals: { debit: string; credit: string };
}
