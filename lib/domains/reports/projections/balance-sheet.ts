import type { AccountSubtype } from '../../accounting/account-types';
import { periodBounds } from '../../accounting/periods';
import { formatMinor, type Minor } from '../../money/money';
import type { BalanceSheetDocument, BalanceSheetFigures, StatementRow, StatementSection } from '../documents/statements';
import { activityByAccount, closingBalances } from './balances';
import { byAccountCode, documentBase } from './common';
import type { ReportInputs } from './inputs';
import { invariantViolated } from '../../../errors';

/**
 * Balance sheet as of the end of the period. Assets are shown debit-positive,
 * liabilities and equity credit-positive; equity includes retained earnings (with the
 * results of earlier fiscal years rolled in) and the current fiscal year's earnings so
 * far. Assets = liabilities + equity exactly, or the build fails. The structure splits
 * assets and liabilities into current and non-current (account sub-types): net current
 * assets = current assets − current liabilities; net assets = assets − liabilities =
 * equity. With comparatives in the inputs, the prior fiscal year end is built by the same
 * rules from its own activity.
 */
export function buildBalanceSheet(inputs: ReportInputs): BalanceSheetDocument {
  const previous = inputs.comparatives?.priorYearEnd;
  return {
    ...documentBase('balance-sheet', inputs),
    ...balanceSheetFigures(inputs),
    ...(previous
      ? {
          comparative: {
            period: previous.period,
            asOf: periodBounds(previous.period).end,
            ...balanceSheetFigures({ ...inputs, period: previous.period, activity: previous.activity }),
          },
        }
      : {}),
  };
}

function balanceSheetFigures(inputs: ReportInputs): BalanceSheetFigures {
  const balances = closingBalances(inputs);
  const activity = activityByAccount(inputs);
  const bySubtype = new Map<AccountSubtype, { rows: StatementRow[]; total: Minor }>();
  const section = (type: 'asset' | 'liability' | 'equity') => {
    const sign = type === 'asset' ? 1n : -1n;
    const rows: StatementRow[] = [];
    let total: Minor = 0n;
    for (const account of inputs.accounts.filter((candidate) => candidate.type === type).sort(byAccountCode)) {
      const amount = sign * (balances.get(account.id) ?? 0n);
      if (amount === 0n) continue;
      total += amount;
      const row = { accountCode: account.code, accountName: account.name, amount: formatMinor(amount) };
      rows.push(row);
      const part = bySubtype.get(account.subtype) ?? { rows: [], total: 0n };
      part.rows.push(row);
      part.total += amount;
      bySubtype.set(account.subtype, part);
    }
    return { rows, total };
  };
  // Current year earnings: revenue − expenses of the fiscal year through the period (credit-positive).
  let currentYearEarnings: Minor = 0n;
  for (const account of inputs.accounts) {
    if (account.type !== 'revenue' && account.type !== 'expense') continue;
    const row = activity.get(account.id);
    if (row) currentYearEarnings -= row.fiscalYearBeforePeriod + row.periodDebit - row.periodCredit;
  }
  const assets = section('asset');
  const liabilities = section('liability');
  const equity = section('equity');
  const equityTotal = equity.total + currentYearEarnings;
  const liabilitiesAndEquity = liabilities.total + equityTotal;
  if (assets.total !== liabilitiesAndEquity) {
    throw invariantViolated(
      `balance sheet of ${inputs.organization.id} ${inputs.period} does not balance: ${assets.total} ≠ ${liabilitiesAndEquity}`,
    );
  }
  const part = (subtype: AccountSubtype) => bySubtype.get(subtype) ?? { rows: [], total: 0n };
  const formatted = (value: { rows: StatementRow[]; total: Minor }): StatementSection => ({
    rows: value.rows,
    total: formatMinor(value.total),
  });
  const currentAssets = part('current-asset');
  const currentLiabilities = part('current-liability');
  return {
    assets: formatted(assets),
    liabilities: formatted(liabilities),
    equity: { rows: equity.rows, currentYearEarnings: formatMinor(currentYearEarnings), total: formatMinor(equityTotal) },
    totals: { assets: formatMinor(assets.total), liabilitiesAndEquity: formatMinor(liabilitiesAndEquity) },
    structure: {
      currentAssets: formatted(currentAssets),
      nonCurrentAssets: formatted(part('non-current-asset')),
      currentLiabilities: formatted(currentLiabilities),
      nonCurrentLiabilities: formatted(part('non-current-liability')),
      netCurrentAssets: formatMinor(currentAssets.total - currentLiabilities.total),
      // = equity, since assets = liabilities + equity was checked above.
      netAssets: formatMinor(assets.total - liabilities.total),
    },
  };
}
