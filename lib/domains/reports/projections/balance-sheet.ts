import { formatMinor, type Minor } from '../../money/money';
import type { BalanceSheetDocument, StatementRow } from '../documents/statements';
import { activityByAccount, closingBalances } from './balances';
import { byAccountCode, documentBase } from './common';
import type { ReportInputs } from './inputs';
import { invariantViolated } from '../../../errors';

/**
 * Balance sheet as of the end of the period. Assets are shown debit-positive,
 * liabilities and equity credit-positive; equity includes retained earnings (with the
 * results of earlier fiscal years rolled in) and the current fiscal year's earnings so
 * far. Assets = liabilities + equity exactly, or the build fails.
 */
export function buildBalanceSheet(inputs: ReportInputs): BalanceSheetDocument {
  const balances = closingBalances(inputs);
  const activity = activityByAccount(inputs);
  const section = (type: 'asset' | 'liability' | 'equity') => {
    const sign = type === 'asset' ? 1n : -1n;
    const rows: StatementRow[] = [];
    let total: Minor = 0n;
    for (const account of inputs.accounts.filter((candidate) => candidate.type === type).sort(byAccountCode)) {
      const amount = sign * (balances.get(account.id) ?? 0n);
      if (amount === 0n) continue;
      total += amount;
      rows.push({ accountCode: account.code, accountName: account.name, amount: formatMinor(amount) });
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
  return {
    ...documentBase('balance-sheet', inputs),
    assets: { rows: assets.rows, total: formatMinor(assets.total) },
    liabilities: { rows: liabilities.rows, total: formatMinor(liabilities.total) },
    equity: { rows: equity.rows, currentYearEarnings: formatMinor(currentYearEarnings), total: formatMinor(equityTotal) },
    totals: { assets: formatMinor(assets.total), liabilitiesAndEquity: formatMinor(liabilitiesAndEquity) },
  };
}
