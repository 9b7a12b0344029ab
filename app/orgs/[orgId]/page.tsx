import Link from 'next/link';
import { notFound } from 'next/navigation';
import { TopBar } from '@/app/components/top-bar';
import { roleAllows } from '@/lib/auth/access';
import { getPrisma } from '@/lib/db/prisma';
import { isAppError } from '@/lib/errors';
import { addMonths, isPeriod, periodOfInstant, periodRange } from '@/lib/ledger/periods';
import { getOrganization, listAccounts, listOrganizations, listRecentEntries } from '@/lib/ledger/queries/organizations';
import { formatForReport } from '@/lib/money/money';
import { getMongoDb } from '@/lib/mongo/client';
import { lookupReport } from '@/lib/reports/queries';
import { REPORT_TITLES, REPORT_TYPES, type ReportType } from '@/lib/reports/types';
import { requireUser } from '@/lib/web/session';
import { EntryForm } from './entry-form';

export const dynamic = 'force-dynamic';

export default async function OrganizationPage(props: { params: Promise<{ orgId: string }>; searchParams: Promise<{ period?: string }> }) {
  const user = await requireUser();
  const { orgId } = await props.params;
  const { period: requested } = await props.searchParams;
  const prisma = getPrisma();
  const organization = await getOrganization({ prisma, actor: user, organizationId: orgId }).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'not_found') notFound();
    throw error;
  });
  const now = new Date();
  const current = periodOfInstant(now);
  const period = requested && isPeriod(requested) ? requested : current;
  const [organizations, accounts, entries, ...reports] = await Promise.all([
    listOrganizations({ prisma, actor: user }),
    listAccounts({ prisma, actor: user, organizationId: orgId }),
    listRecentEntries({ prisma, actor: user, organizationId: orgId, take: 15 }),
    ...REPORT_TYPES.map((type) => lookupReport({ prisma, db: getMongoDb(), actor: user, organizationId: orgId, query: { type, period } })),
  ]);
  const canPost = roleAllows(organization.role, 'post');

  return (
    <>
      <TopBar userName={user.name} organizations={organizations} currentOrganizationId={orgId} />
      <main>
        <h1>{organization.name}</h1>
        <p className="muted">
          {organization.baseCurrency} · your role: {organization.role} · ledger sequence {organization.lastSequence}
        </p>
        <div className="grid-2">
          <div>
            {canPost && (
              <section className="panel" aria-labelledby="post-heading">
                <h2 id="post-heading">Post a journal entry</h2>
                <EntryForm organizationId={orgId} accounts={accounts.filter((a) => a.isActive)} today={now.toISOString().slice(0, 10)} />
              </section>
            )}
            <section className="panel" aria-labelledby="entries-heading">
              <h2 id="entries-heading">Recent entries</h2>
              <table>
                <thead>
                  <tr>
                    <th>Date</th>
                    <th>Memo</th>
                    <th>Reference</th>
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
                      <td>{entry.reference}</td>
                      <td className="num">{formatForReport(entry.totalMinor)}</td>
                      <td className="num">{entry.sequence}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </div>
          <section className="panel" aria-labelledby="reports-heading">
            <h2 id="reports-heading">Reports</h2>
            <form method="get" className="row">
              <div className="field">
                <label htmlFor="report-period">Period</label>
                <select id="report-period" name="period" defaultValue={period}>
                  {periodRange(addMonths(current, -23), current)
                    .reverse()
                    .map((p) => (
                      <option key={p} value={p}>
                        {p}
                      </option>
                    ))}
                </select>
              </div>
              <div className="field" style={{ flex: 0 }}>
                <button type="submit" className="secondary">
                  Show
                </button>
              </div>
            </form>
            <table aria-label={`Reports for ${period}`}>
              <tbody>
                {reports.map((report) => {
                  const title = REPORT_TITLES[report.type as ReportType];
                  return (
                    <tr key={report.type}>
                      <td>
                        {title}
                        <div className="muted">
                          {report.asOfSequence !== null ? `as of sequence ${report.asOfSequence}` : 'not built yet'}
                        </div>
                      </td>
                      <td>
                        {report.upToDate ? <span className="badge ok">Up to date</span> : <span className="badge pending">Updating…</span>}
                      </td>
                      <td className="num">
                        {report.status === 'ready' ? (
                          <>
                            <a href={`/reports/${report.id}/pdf`} download aria-label={`Download ${title} ${period} as PDF`}>
                              PDF
                            </a>{' '}
                            <a
                              href={`/reports/${report.id}/pdf?paper=letter`}
                              download
                              aria-label={`Download ${title} ${period} as PDF, US Letter`}
                            >
                              Letter
                            </a>{' '}
                            <a href={`/reports/${report.id}/csv`} download aria-label={`Download ${title} ${period} as CSV`}>
                              CSV
                            </a>{' '}
                            <a href={`/reports/${report.id}/xlsx`} download aria-label={`Download ${title} ${period} as XLSX`}>
                              XLSX
                            </a>
                          </>
                        ) : (
                          <span className="muted">building…</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        </div>
      </main>
    </>
  );
}
