// The dashboard's key figures, computed from stored report documents only (the read side
// never computes from the ledger): net income of this month and the one before from their
// income statements, cash at bank from this month's balance sheet, and each account's
// balance from this month's trial balance (chart of accounts page). Pure: documents in,
// minor units out.
import { parseSignedAmount, type Minor } from '../money/money';
import type { BalanceSheetDocument, IncomeStatementDocument } from './documents/statements';
import type { TrialBalanceDocument } from './documents/trial-balance';

/**
 * Cash and bank accounts: asset accounts whose code starts with "10" (the 1000 block of the
 * usual numbering, 1000 Cash, 1010 Bank …) or whose name says cash or bank. A chart that
 * numbers otherwise still gets its "Bank …" and "Cash …" accounts; petty cash is cash.
 */
export function isCashAccount(account: { accountCode: string; accountName: string }): boolean {
  return account.accountCode.startsWith('10') || /\b(cash|bank)\b/i.test(account.accountName);
}

export interface CashAtBank {
  totalMinor: Minor;
  accounts: { accountCode: string; accountName: string; amountMinor: Minor }[];
}

/** Sum of the cash and bank accounts among the balance sheet's assets (normal direction: debit positive). */
export function cashAtBank(balanceSheet: Pick<BalanceSheetDocument, 'assets'>): CashAtBank {
  const accounts = balanceSheet.assets.rows
    .filter(isCashAccount)
    .map((row) => ({ accountCode: row.accountCode, accountName: row.accountName, amountMinor: parseSignedAmount(row.amount) }));
  return { totalMinor: accounts.reduce((sum, account) => sum + account.amountMinor, 0n), accounts };
}

export interface NetIncomeComparison {
  /** null: no income statement stored for that month (no activity yet, or not built). */
  currentMinor: Minor | null;
  previousMinor: Minor | null;
  /** current − previous, when both are known. */
  differenceMinor: Minor | null;
}

export function compareNetIncome(
  current: Pick<IncomeStatementDocument, 'netIncome'> | null,
  previous: Pick<IncomeStatementDocument, 'netIncome'> | null,
): NetIncomeComparison {
  const currentMinor = current ? parseSignedAmount(current.netIncome) : null;
  const previousMinor = previous ? parseSignedAmount(previous.netIncome) : null;
  const differenceMinor = currentMinor !== null && previousMinor !== null ? currentMinor - previousMinor : null;
  return { currentMinor, previousMinor, differenceMinor };
}

/**
 * Each account's balance at the end of the trial balance's period, in the normal direction
 * of its type (a debit-normal asset or expense positive when in debit; a credit-normal
 * liability, equity or revenue positive when in credit). Revenue and expense accounts carry
 * their fiscal-year-to-date balance, as the trial balance does.
 */
export function balancesByAccountCode(trialBalance: Pick<TrialBalanceDocument, 'rows'>): Map<string, Minor> {
  const balances = new Map<string, Minor>();
  for (const row of trialBalance.rows) {
    const debitMinusCredit = parseSignedAmount(row.debit) - parseSignedAmount(row.credit);
    const debitNormal = row.accountType === 'asset' || row.accountType === 'expense';
    balances.set(row.accountCode, debitNormal ? debitMinusCredit : -debitMinusCredit);
  }
  return balances;
}

/** The smallest 1, 2 or 5 × 10ⁿ minor units that covers `rough` (axis steps a reader can add up). */
function niceStep(rough: Minor): Minor {
  let magnitude = 1n;
  while (magnitude * 10n <= rough) magnitude *= 10n;
  for (const factor of [1n, 2n, 5n, 10n]) if (factor * magnitude >= rough) return factor * magnitude;
  return 10n * magnitude;
}

/**
 * The axis: from the lowest value (0 unless a month has a loss) to the highest, in steps of
 * 1, 2 or 5 × 10ⁿ. No room is reserved below zero when nothing is negative.
 */
export function chartScale(values: readonly Minor[], ticks = 4): { low: Minor; high: Minor; step: Minor } {
  const max = values.reduce((m, v) => (v > m ? v : m), 0n);
  const min = values.reduce((m, v) => (v < m ? v : m), 0n);
  const step = niceStep((max - min === 0n ? 100n : max - min) / BigInt(ticks) || 1n);
  const high = max % step === 0n ? max : (max / step + 1n) * step;
  const low = min % step === 0n ? min : (min / step - 1n) * step;
  return { low, high: high === low ? low + step : high, step };
}
