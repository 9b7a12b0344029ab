import type { AccountSubtype } from '../../accounting/account-types';
import { periodBounds } from '../../accounting/periods';
import { formatMinor, type Minor } from '../../money/money';
import type { IncomeStatementColumn, IncomeStatementDocument, StatementRow, StatementSection } from '../documents/statements';
import { activityByAccount } from './balances';
import { byAccountCode, documentBase } from './common';
import type { ReportInputs } from './inputs';
import { invariantViolated } from '../../../errors';

/**
 * Income statement for the period, with the fiscal year to date beside it. Revenue is
 * shown credit-positive, expenses debit-positive; net income = revenue − expenses. Both
 * columns list the same accounts (any with activity in the period or the year so far),
 * in the same order, so a renderer can put them side by side without matching rows.
 *
 * Each column also carries its structure by account sub-type: revenue − cost of sales =
 * gross profit; − operating expenses = operating profit; + other income − other expenses
 * = net income (checked). With comparatives in the inputs, the same month a year earlier
 * is built by the same rules from its own activity.
 */
export function buildIncomeStatement(inputs: ReportInputs): IncomeStatementDocument {
  const current = incomeStatementColumns(inputs);
  const previous = inputs.comparatives?.samePeriodLastYear;
  const comparative = previous ? incomeStatementColumns({ ...inputs, period: previous.period, activity: previous.activity }) : null;
  return {
    ...documentBase('income-statement', inputs),
    ...current.period,
    yearToDate: current.year,
    ...(comparative && previous
      ? {
          comparative: {
            period: previous.period,
            periodStart: periodBounds(previous.period).start,
            periodEnd: periodBounds(previous.period).end,
            ...comparative.period,
            yearToDate: comparative.year,
          },
        }
      : {}),
  };
}

interface Bucket {
  rows: StatementRow[];
  total: Minor;
}
const bucket = (): Bucket => ({ rows: [], total: 0n });
const formatted = (section: Bucket): StatementSection => ({ rows: section.rows, total: formatMinor(section.total) });

/** The period column and the year-to-date column of `inputs.period`, from `inputs.activity`. */
function incomeStatementColumns(inputs: ReportInputs): { period: IncomeStatementColumn; year: IncomeStatementColumn } {
  const activity = activityByAccount(inputs);
  type Column = { revenue: Bucket; expenses: Bucket; bySubtype: Map<AccountSubtype, Bucket> };
  const column = (): Column => ({ revenue: bucket(), expenses: bucket(), bySubtype: new Map() });
  const period = column();
  const year = column();
  const add = (target: Column, section: 'revenue' | 'expenses', subtype: AccountSubtype, row: StatementRow, amount: Minor) => {
    target[section].rows.push(row);
    target[section].total += amount;
    const part = target.bySubtype.get(subtype) ?? bucket();
    part.rows.push(row);
    part.total += amount;
    target.bySubtype.set(subtype, part);
  };
  for (const account of inputs.accounts
    .filter((candidate) => candidate.type === 'revenue' || candidate.type === 'expense')
    .sort(byAccountCode)) {
    const row = activity.get(account.id);
    if (!row) continue;
    const sign = account.type === 'revenue' ? -1n : 1n; // debit-positive nets → normal direction
    const periodAmount = sign * (row.periodDebit - row.periodCredit);
    const yearAmount = sign * row.fiscalYearBeforePeriod + periodAmount;
    if (periodAmount === 0n && yearAmount === 0n) continue;
    const section = account.type === 'revenue' ? 'revenue' : 'expenses';
    const names = { accountCode: account.code, accountName: account.name };
    add(period, section, account.subtype, { ...names, amount: formatMinor(periodAmount) }, periodAmount);
    add(year, section, account.subtype, { ...names, amount: formatMinor(yearAmount) }, yearAmount);
  }
  return { period: finish(inputs, period), year: finish(inputs, year) };
}

function finish(
  inputs: ReportInputs,
  column: { revenue: Bucket; expenses: Bucket; bySubtype: Map<AccountSubtype, Bucket> },
): IncomeStatementColumn {
  const part = (subtype: AccountSubtype) => column.bySubtype.get(subtype) ?? bucket();
  const revenue = part('revenue');
  const costOfSales = part('cost-of-sales');
  const operatingExpenses = part('operating-expense');
  const otherIncome = part('other-income');
  const otherExpenses = part('other-expense');
  const grossProfit = revenue.total - costOfSales.total;
  const operatingProfit = grossProfit - operatingExpenses.total;
  const netIncome = column.revenue.total - column.expenses.total;
  // Every revenue and expense sub-type is one of the five above (the CHECK on accounts), so
  // the structure's net income is the document's; if not, no document beats a wrong one.
  if (operatingProfit + otherIncome.total - otherExpenses.total !== netIncome) {
    throw invariantViolated(
      `income statement of ${inputs.organization.id} ${inputs.period}: the sub-type sections do not add up to net income`,
    );
  }
  return {
    revenue: formatted(column.revenue),
    expenses: formatted(column.expenses),
    netIncome: formatMinor(netIncome),
    structure: {
      revenue: formatted(revenue),
      costOfSales: formatted(costOfSales),
      grossProfit: formatMinor(grossProfit),
      operatingExpenses: formatted(operatingExpenses),
      operatingProfit: formatMinor(operatingProfit),
      otherIncome: formatted(otherIncome),
      otherExpenses: formatted(otherExpenses),
    },
  };
}
