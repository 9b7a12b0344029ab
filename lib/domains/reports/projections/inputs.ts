import type { AccountSubtype, AccountType } from '../../accounting/account-types';
import type { Minor } from '../../money/money';

/**
 * One account's activity, split by where it falls relative to the report's period P and
 * the fiscal year containing P. Nets are debit-positive (debits − credits).
 */
export interface AccountActivity {
  accountId: string;
  /** Everything dated before the fiscal year that contains P. */
  beforeFiscalYear: Minor;
  /** Inside P's fiscal year, before P. */
  fiscalYearBeforePeriod: Minor;
  /** Inside P. */
  periodDebit: Minor;
  periodCredit: Minor;
}

export interface ComparativeActivity {
  period: string;
  activity: AccountActivity[];
}

/** A journal line dated inside P (general ledger only), in date / sequence / line order. */
export interface PeriodLine {
  accountId: string;
  date: string;
  sequence: bigint;
  entryId: string;
  lineNo: number;
  memo: string;
  reference: string | null;
  description: string | null;
  debitMinor: Minor;
  creditMinor: Minor;
}

/**
 * Everything a pure builder needs, loaded in one consistent snapshot by rebuild.ts. Its
 * size grows with the number of accounts and the lines inside P, never with the years of
 * history before P (those arrive already summed per account).
 */
export interface ReportInputs {
  organization: { id: string; name: string; baseCurrency: string; fiscalYearStartMonth: number };
  period: string;
  periodClosed: boolean;
  accounts: { id: string; code: string; name: string; type: AccountType; subtype: AccountSubtype; isRetainedEarnings: boolean }[];
  activity: AccountActivity[];
  /**
   * The activity behind the comparative columns (issue 13 item 4), summed in the same
   * snapshot as `activity`, each split relative to its own period and fiscal year. Absent:
   * the statements carry no comparative.
   */
  comparatives?: {
    /** P − 12: the income statement's "same month a year earlier" and its year to date. */
    samePeriodLastYear: ComparativeActivity;
    /** The last month of the fiscal year before P's: the balance sheet's prior year end. */
    priorYearEnd: ComparativeActivity;
  };
  /** Present only when the report needs lines (general ledger). */
  lines?: PeriodLine[];
  asOfSequence: bigint;
  /** The ledger hash chain head at asOfSequence (hex), read in the same snapshot; null only if that event has no hash. */
  ledgerHash: string | null;
  builtAt: Date;
}
