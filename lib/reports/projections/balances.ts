// Balances as of the end of a period, shared by the trial balance and (later) the balance
// sheet: asset/liability/equity accounts carry their balance since inception,
// revenue/expense accounts their fiscal-year-to-date balance, and the net income of all
// earlier fiscal years is added to the retained-earnings account (no closing entries).
import { fiscalYearStart } from '../../ledger/periods';
import { isBalanceSheetType } from '../../ledger/rules';
import type { Minor } from '../../money/money';
import type { ReportInputs } from './inputs';

/** Net debit-positive balance (debits − credits) per account id, as of the end of the period. */
export function closingBalances(inputs: ReportInputs): Map<string, Minor> {
  const fyStart = fiscalYearStart(inputs.period, inputs.organization.fiscalYearStartMonth);
  const byId = new Map(inputs.accounts.map((account) => [account.id, account]));
  const net = new Map<string, Minor>(inputs.accounts.map((account) => [account.id, 0n]));
  let priorYearsEarningsDebitNet = 0n;

  for (const row of inputs.balances) {
    if (row.period > inputs.period) continue; // "YYYY-MM" strings order like months
    const account = byId.get(row.accountId);
    if (!account) throw new Error(`balance for unknown account ${row.accountId}`);
    const amount = row.debitMinor - row.creditMinor;
    if (isBalanceSheetType(account.type)) {
      net.set(account.id, (net.get(account.id) ?? 0n) + amount);
    } else if (row.period >= fyStart) {
      net.set(account.id, (net.get(account.id) ?? 0n) + amount);
    } else {
      priorYearsEarningsDebitNet += amount;
    }
  }

  if (priorYearsEarningsDebitNet !== 0n) {
    const retained = inputs.accounts.find((account) => account.isRetainedEarnings);
    if (!retained) throw new Error(`organization ${inputs.organization.id} has earlier-year results but no retained-earnings account`);
    net.set(retained.id, (net.get(retained.id) ?? 0n) + priorYearsEarningsDebitNet);
  }
  return net;
}
