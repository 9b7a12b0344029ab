// Readiness of a client's month for closing and sending its pack: the checks an accountant
// does before month-end, as a pure function over what the board query loaded (no I/O).
// Why these three (README, "Month-end close board"):
// - a balance left on a suspense / uncategorised account means transactions nobody has
//   classified yet: the income statement and the balance sheet are misstated until it is
//   cleared, so the pack would have to be reissued;
// - earlier months still open: back-dated postings can still land in them and change this
//   month's opening balances after its pack went out;
// - an empty month: usually the bank feed or the import has not been done yet — a pack of
//   an empty month is rarely what the client should receive.
import { formatMinor } from '../money/money';

export type ReadinessCode = 'suspense_balance' | 'earlier_open' | 'empty_period';

export interface ReadinessWarning {
  code: ReadinessCode;
  message: string;
}

export interface ReadinessFacts {
  period: string;
  earlierOpen: readonly string[];
  entriesInPeriod: number;
  suspenseBalances: readonly { code: string; name: string; balanceMinor: bigint }[];
}

/** The warnings of one organization's month, most serious first; empty = ready. */
export function readinessWarnings(facts: ReadinessFacts): ReadinessWarning[] {
  const warnings: ReadinessWarning[] = [];
  for (const account of facts.suspenseBalances) {
    if (account.balanceMinor === 0n) continue;
    const side = account.balanceMinor > 0n ? 'debit' : 'credit';
    const amount = formatMinor(account.balanceMinor < 0n ? -account.balanceMinor : account.balanceMinor);
    warnings.push({
      code: 'suspense_balance',
      message: `${account.code} ${account.name} holds ${amount} ${side} at the end of ${facts.period}`,
    });
  }
  const earlier = facts.earlierOpen;
  if (earlier.length > 0) {
    const list = earlier.length <= 3 ? earlier.join(', ') : `${earlier.slice(0, 2).join(', ')} … ${earlier[earlier.length - 1]}`;
    warnings.push({
      code: 'earlier_open',
      message: `${earlier.length === 1 ? '1 earlier month' : `${earlier.length} earlier months`} still open (${list})`,
    });
  }
  if (facts.entriesInPeriod === 0) warnings.push({ code: 'empty_period', message: `No entries dated in ${facts.period}` });
  return warnings;
}
