import type { AccountType } from '../../ledger/rules';
import type { Minor } from '../../money/money';

/** Everything a pure builder needs, loaded in one consistent snapshot by rebuild.ts. */
export interface ReportInputs {
  organization: { id: string; name: string; baseCurrency: string; fiscalYearStartMonth: number };
  period: string;
  periodClosed: boolean;
  accounts: { id: string; code: string; name: string; type: AccountType; isRetainedEarnings: boolean }[];
  /** Per-account activity for every period up to and including `period`. */
  balances: { accountId: string; period: string; debitMinor: Minor; creditMinor: Minor }[];
  asOfSequence: bigint;
  builtAt: Date;
}
