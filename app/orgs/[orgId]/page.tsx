import Link from 'next/link';
import { periodOfInstant } from '@/lib/domains/accounting/periods';
import { listEntries } from '@/lib/domains/ledger/queries/list-entries';
import { listFiscalYearPeriods } from '@/lib/domains/ledger/queries/periods';
import { formatForReport } from '@/lib/domains/money/money';
import { getReportSettings } from '@/lib/domains/organizations/report-settings';
import { monthlyResults } from '@/lib/domains/reports/queries/monthly-results';
import { requireUser } from '@/lib/adapters/web/session';
import { ResultsChart } from './results-chart';
import { webContext } from '@/lib/adapters/web/context';

export const dynamic = 'force-dynamic';

export default async function DashboardPage(props: { params: Promise<{ orgId: string }> }) {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const { orgId } = await props.params;
  const prisma = ctx.prisma;
  const now = ctx.now();
  const [{ entries: latest }, year, { numberFormat }] = await Promise.all([
    listEntries({ prisma, actor: user, organizationId: orgId, filter: {} }),
    listFiscalYearPeriods({ prisma, actor: user, organizationId: orgId, now }),
    getReportSettings({ prisma, actor: user, organizationId: orgId }),
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
      <section className="panel" aria-labelledby="chart-heading">
        <h2 id="chart-heading">Fiscal year from {year.fiscalYearStart}: revenue, expenses and net income by month</h2>
        <ResultsChart results={results} />
      </section>
      <div className="grid-2">
        <section className="panel" aria-labelledby="entries-heading">
          <h2 id="entries-heading">Last entries</h2>
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
