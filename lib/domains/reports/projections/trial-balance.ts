import { formatMinor } from '../../money/money';
import type { TrialBalanceDocument, TrialBalanceRow } from '../documents/trial-balance';
import { closingBalances } from './balances';
import { byAccountCode, documentBase } from './common';
import type { ReportInputs } from './inputs';
import { invariantViolated } from '../../../errors';

/**
 * Trial balance as of the end of the period: every account with a non-zero balance,
 * shown on its debit or credit side. Pure: (ledger data, period) → document.
 */
export function buildTrialBalance(inputs: ReportInputs): TrialBalanceDocument {
  const balances = closingBalances(inputs);
  let totalDebit = 0n;
  let totalCredit = 0n;
  const rows: TrialBalanceRow[] = [];
  for (const account of [...inputs.accounts].sort(byAccountCode)) {
    const net = balances.get(account.id) ?? 0n;
    if (net === 0n) continue;
    const debit = net > 0n ? net : 0n;
    const credit = net < 0n ? -net : 0n;
    totalDebit += debit;
    totalCredit += credit;
    rows.push({
      accountCode: account.code,
      accountName: account.name,
      accountType: account.type,
      debit: formatMinor(debit),
      credit: formatMinor(credit),
    });
  }
  // Every posted entry balances (checked by the command and by the database), so the
  // totals must agree; if they do not, the data is corrupt and no document is better
  // than a wrong one.
  if (totalDebit !== totalCredit) {
    throw invariantViolated(`trial balance of ${inputs.organization.id} ${inputs.period} does not balance: ${totalDebit} ≠ ${totalCredit}`);
  }
  return {
    ...documentBase('trial-balance', inputs),
    rows,
    totals: { debit: formatMinor(totalDebit), credit: formatMinor(totalCredit) },
  };
}
