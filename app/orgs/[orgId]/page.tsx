import Link from 'next/link';
import { monthName, periodOfInstant } from '@/lib/domains/accounting/periods';
import { listEntries } from '@/lib/domains/ledger/queries/list-entries';
import { listFiscalYearPeriods } from '@/lib/domains/ledger/queries/periods';
import { formatForReport, type Minor, type NumberFormat } from '@/lib/domains/money/money';
import { getReportSettings } from '@/lib/domains/organizations/report-settings';
import { monthlyResults } from '@/lib/domains/reports/queries/monthly-results';
import { dashboardFigures, type DashboardFigures } from '@/lib/domains/reports/queries/dashboard-figures';
import { requireUser } from '@/lib/adapters/web/session';
import { ChartLegend, ResultsChart, ResultsTable } from './results-chart';
import { ResultsView } from './results-view';
import { webContext } from '@/lib/adapters/web/context';

export const dynamic = 'force-dynamic';

export default async function DashboardPage(props: { params: Promise<{ orgId: string }> }) {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const { orgId } = await props.params;
  const prisma = ctx.prisma;
  const now = ctx.now();
  const [{ entries: latest }, year, { numberFormat }, figures] = await Promise.all([
    listEntries({ prisma, actor: user, organizationId: orgId, filter: {} }),
    listFiscalYearPeriods({ prisma, actor: user, organizationId: orgId, now }),
    getReportSettings({ prisma, actor: user, organizationId: orgId }),
    dashboardFigures({ prisma, db: ctx.db, actor: user, organizationId: orgId, now }),
  ]);
  const entries = latest.slice(0, 10);
  const results = await monthlyResults({
    prisma,
    db: ctx.db,
    actor: user,
    organizationId: orgId,
    periods: year.periods.map((p) => p.period).filter((p) => p <= periodOfInstant(now)),
  });
  return (
    <>
      <h1>Dashboard</h1>
      <KeyFigures figures={figures} numberFormat={numberFormat} />
      <section className="panel" aria-labelledby="chart-heading">
        <h2 id="chart-heading">Fiscal year from {monthName(year.fiscalYearStart)}: revenue, expenses and net income by month</h2>
        {results.length === 0 ? (
          <p className="muted">No reports yet for this fiscal year.</p>
        ) : (
          <>
            <ResultsView
              chart={<ResultsChart results={results} numberFormat={numberFormat} />}
              table={<ResultsTable results={results} numberFormat={numberFormat} />}
            />
            <ChartLegend />
          </>
        )}
      </section>
      <div className="grid-2">
        <section className="panel" aria-labelledby="entries-heading">
          <h2 id="entries-heading">Last entries</h2>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th>Date</th>
                  <th>Memo</th>
                  <th className="num">Amount</th>
                  <th className="num">Sequence</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.id}>
                    <td>{entry.date}</td>
                    <td>
                      <Link href={`/orgs/${orgId}/entries/${entry.id}`}>{entry.memo}</Link>
                    </td>
                    <td className="num">{formatForReport(entry.totalMinor, { numberFormat })}</td>
                    <td className="num">{entry.sequence}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <Link href={`/orgs/${orgId}/entries`}>All entries →</Link>
          </p>
        </section>
        <section className="panel" aria-labelledby="periods-heading">
          <h2 id="periods-heading">Periods</h2>
          <table>
            <tbody>
              {year.periods.map((period) => (
                <tr key={period.period}>
                  <td>{period.period}</td>
                  <td>
                    {period.status === 'closed' ? <span className="badge pending">Closed</span> : <span className="badge ok">Open</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <Link href={`/orgs/${orgId}/periods`}>Manage periods →</Link>
          </p>
        </section>
      </div>
    </>
  );
}

/** "+1,234.00" / "(1,234.00)": a change is signed, so an increase reads as one. */
function signed(minor: Minor, numberFormat: NumberFormat): string {
  return minor > 0n ? `+${formatForReport(minor, { numberFormat })}` : formatForReport(minor, { numberFormat });
}

/** The tiles: net income this month against last month, and cash at bank at the end of this month. */
function KeyFigures(props: { figures: DashboardFigures; numberFormat: NumberFormat }) {
  const { netIncome, cash, period, previousPeriod } = props.figures;
  const format = (minor: Minor) => formatForReport(minor, { numberFormat: props.numberFormat });
  return (
    <section className="tiles" aria-label="Key figures">
      <div className="tile" role="group" aria-labelledby="tile-net-income">
        <h2 id="tile-net-income">Net income, {monthName(period)}</h2>
        <p className="tile-value" data-testid="net-income-this-month">
          {netIncome.currentMinor === null ? '—' : format(netIncome.currentMinor)}
        </p>
        <p className="muted">
          {monthName(previousPeriod)}: {netIncome.previousMinor === null ? 'no report' : format(netIncome.previousMinor)}
          {netIncome.differenceMinor !== null && (
            <>
              {' · '}
              <span className={netIncome.differenceMinor < 0n ? 'change-down' : 'change-up'} data-testid="net-income-change">
                {signed(netIncome.differenceMinor, props.numberFormat)}
              </span>{' '}
              vs last month
            </>
          )}
        </p>
      </div>
      <div className="tile" role="group" aria-labelledby="tile-cash">
        <h2 id="tile-cash">Cash at bank, end of {monthName(period)}</h2>
        <p className="tile-value" data-testid="cash-at-bank">
          {cash === null ? '—' : format(cash.totalMinor)}
        </p>
        <p className="muted">
          {cash === null
            ? 'No balance sheet for this month yet.'
            : cash.accounts.length === 0
              ? 'No cash or bank account (asset code 10…, or named cash / bank).'
              : `${cash.accounts.map((account) => `${account.accountCode} ${account.accountName}`).join(', ')} — asset accounts coded 10… or named cash / bank`}
        </p>
      </div>
    </section>
  );
}
