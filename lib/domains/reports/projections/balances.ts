// Balances at the start and end of a period under the accounting rules of DESIGN.md:
// asset, liability and equity accounts carry their balance since inception; revenue and
// expense accounts their fiscal-year-to-date balance; and the net income of all earlier
// fiscal years is added to the retained-earnings account (no closing entries needed).
// All values are debit-positive nets in minor units.
import { isBalanceSheetType } from '../../accounting/account-types';
import type { Minor } from '../../money/money';
import type { AccountActivity, ReportInputs } from './inputs';
import { invariantViolated } from '../../../errors';

export type Balances = Map<string, Minor>;

function balancesAt(inputs: ReportInputs, includePeriod: boolean): Balances {
  const types = new Map(inputs.accounts.map((account) => [account.id, account.type]));
  const result: Balances = new Map(inputs.accounts.map((account) => [account.id, 0n]));
  let priorYearsEarnings = 0n; // debit-positive: a profit is negative
  for (const row of inputs.activity) {
    const type = types.get(row.accountId);
    if (!type) throw invariantViolated(`activity for unknown account ${row.accountId}`);
    const inPeriod = includePeriod ? row.periodDebit - row.periodCredit : 0n;
    if (isBalanceSheetType(type)) {
      result.set(row.accountId, row.beforeFiscalYear + row.fiscalYearBeforePeriod + inPeriod);
    } else {
      result.set(row.accountId, row.fiscalYearBeforePeriod + inPeriod);
      priorYearsEarnings += row.beforeFiscalYear;
    }
  }
  if (priorYearsEarnings !== 0n) {
    const retained = inputs.accounts.find((account) => account.isRetainedEarnings);
    if (!retained)
      throw invariantViolated(`organization ${inputs.organization.id} has results of earlier years but no retained-earnings account`);
    result.set(retained.id, (result.get(retained.id) ?? 0n) + priorYearsEarnings);
  }
  return result;
}

/** As of the end of the period. */
export function closingBalances(inputs: ReportInputs): Balances {
  return balancesAt(inputs, true);
}

/** As of the start of the period (the end of the previous one, seen from P's fiscal year). */
export function openingBalances(inputs: ReportInputs): Balances {
  return balancesAt(inputs, false);
}

export function activityByAccount(inputs: ReportInputs): Map<string, AccountActivity> {
  return new Map(inputs.activity.map((row) => [row.accountId, row]));
}
