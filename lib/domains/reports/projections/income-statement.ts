import { formatMinor, type Minor } from '../../money/money';
import type { IncomeStatementDocument, StatementRow } from '../documents/statements';
import { activityByAccount } from './balances';
import { byAccountCode, documentBase } from './common';
import type { ReportInputs } from './inputs';

/**
 * Income statement for the period, with the fiscal year to date beside it. Revenue is
 * shown credit-positive, expenses debit-positive; net income = revenue − expenses. Both
 * columns list the same accounts (any with activity in the period or the year so far),
 * in the same order, so a renderer can put them side by side without matching rows.
 */
export function buildIncomeStatement(inputs: ReportInputs): IncomeStatementDocument {
  const activity = activityByAccount(inputs);
  const section = (type: 'revenue' | 'expense') => {
    const sign = type === 'revenue' ? -1n : 1n; // debit-positive nets → normal direction
    const period: StatementRow[] = [];
    const year: StatementRow[] = [];
    let periodTotal: Minor = 0n;
    let yearTotal: Minor = 0n;
    for (const account of inputs.accounts.filter((candidate) => candidate.type === type).sort(byAccountCode)) {
      const row = activity.get(account.id);
      if (!row) continue;
      const periodAmount = sign * (row.periodDebit - row.periodCredit);
      const yearAmount = sign * row.fiscalYearBeforePeriod + periodAmount;
      if (periodAmount === 0n && yearAmount === 0n) continue;
      periodTotal += periodAmount;
      yearTotal += yearAmount;
      period.push({ accountCode: account.code, accountName: account.name, amount: formatMinor(periodAmount) });
      year.push({ accountCode: account.code, accountName: account.name, amount: formatMinor(yearAmount) });
    }
    return { period: { rows: period, total: periodTotal }, year: { rows: year, total: yearTotal } };
  };
  const revenue = section('revenue');
  const expenses = section('expense');
  const formatted = (column: 'period' | 'year') => ({
    revenue: { rows: revenue[column].rows, total: formatMinor(revenue[column].total) },
    expenses: { rows: expenses[column].rows, total: formatMinor(expenses[column].total) },
    netIncome: formatMinor(revenue[column].total - expenses[column].total),
  });
  return { ...documentBase('income-statement', inputs), ...formatted('period'), yearToDate: formatted('year') };
}
