import Link from 'next/link';
import { addMonths, isPeriod, periodOfInstant, periodRange } from '@/lib/domains/accounting/periods';
import { lookupPeriodReports } from '@/lib/domains/reports/queries/lookup-report';
import { getReport } from '@/lib/domains/reports/queries/get-report';
import { displayAmount, isAmountCell, reportTable } from '@/lib/domains/reports/table';
import { isReportType, REPORT_TITLES } from '@/lib/domains/reports/types';
import { requireUser } from '@/lib/adapters/web/session';
import { FreshnessWatcher } from './freshness-watcher';
import { webContext } from '@/lib/adapters/web/context';

export const dynamic = 'force-dynamic';

export default async function ReportsPage(props: {
  params: Promise<{ orgId: string }>;
  searchParams: Promise<{ period?: string; view?: string }>;
}) {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const { orgId } = await props.params;
  const search = await props.searchParams;
  const current = periodOfInstant(ctx.now());
  const period = search.period && isPeriod(search.period) ? search.period : current;
  const view = search.view && isReportType(search.view) ? search.view : 'trial-balance';
  const prisma = ctx.prisma;
  const db = ctx.db;
  const reports = await lookupPeriodReports({ prisma, db, actor: user, organizationId: orgId, period });
  const shown = reports.find((report) => report.type === view);
  const document = shown?.status === 'ready' ? await getReport({ prisma, db, actor: user, id: shown.id }) : null;
  const table = document ? reportTable(document) : null;
  return (
    <>
      <h1>Reports for {period}</h1>
      <section className="panel">
        <form method="get" className="row" aria-label="Choose period">
          <div className="field" style={{ maxWidth: 220 }}>
            <label htmlFor="report-period">Period</label>
            <select id="report-period" name="period" defaultValue={period}>
              {periodRange(addMonths(current, -35), current)
                .reverse()
                .map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
            </select>
          </div>
          <input type="hidden" name="view" value={view} />
          <div className="field" style={{ flex: 0 }}>
            <button type="submit" className="secondary">
              Show
            </button>
          </div>
        </form>
        <FreshnessWatcher organizationId={orgId} period={period} allUpToDate={reports.every((report) => report.upToDate)} />
        <table aria-label={`Reports for ${period}`}>
          <tbody>
            {reports.map((report) => {
              const title = REPORT_TITLES[report.type as keyof typeof REPORT_TITLES];
              return (
                <tr key={report.type}>
                  <td>
                    <Link href={`?period=${period}&view=${report.type}`} aria-current={report.type === view ? 'true' : undefined}>
                      {title}
                    </Link>
                    <div className="muted">{report.asOfSequence !== null ? `as of sequence ${report.asOfSequence}` : 'not built yet'}</div>
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
      {table && document && (
        <section className="panel report-view" aria-labelledby="report-view-heading">
          <h2 id="report-view-heading">
            {table.title} — {document.organizationName}, {document.period}
          </h2>
          <p className="muted">
            {document.periodStart} – {document.periodEnd} · {document.currency} · as of ledger sequence {document.asOfSequence}
            {document.periodClosed ? ' · period closed' : ''}
          </p>
          {table.notes.map((note) => (
            <p key={note} className="muted">
              {note}
            </p>
          ))}
          <table aria-label={table.title}>
            <thead>
              <tr>
                {table.columns.map((column) => (
                  <th key={column.header} className={column.kind === 'amount' ? 'num' : undefined}>
                    {column.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, index) => (
                <tr key={index} className={row.style}>
                  {row.cells.map((cell, cellIndex) => (
                    <td key={cellIndex} className={isAmountCell(cell) ? 'num' : row.style === 'section' ? 'section' : undefined}>
                      {cell === null ? '' : isAmountCell(cell) ? displayAmount(cell) : cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
