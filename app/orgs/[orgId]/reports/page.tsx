import Link from 'next/link';
import { addMonths, isPeriod, monthName, periodOfInstant, periodRange } from '@/lib/domains/accounting/periods';
import { getOrganization } from '@/lib/domains/ledger/queries/organizations';
import type { NumberFormat } from '@/lib/domains/money/money';
import { getReportSettings } from '@/lib/domains/organizations/report-settings';
import type { ReportDocument } from '@/lib/domains/reports/documents';
import { presetRange, RANGE_PRESETS, type RangePreset } from '@/lib/domains/reports/income-statement-range';
import { getIncomeStatementRange } from '@/lib/domains/reports/queries/get-income-statement-range';
import { lookupPeriodReports } from '@/lib/domains/reports/queries/lookup-report';
import { getReport } from '@/lib/domains/reports/queries/get-report';
import { getAccountLedger } from '@/lib/domains/reports/queries/get-account-ledger';
import {
  accountLedgerHref,
  entryHref,
  isAccountCode,
  isStatementType,
  reportQuery,
  type ReportPlace,
} from '@/lib/domains/reports/drill-down';
import { displayAmount, DRAFT_MARK, isAmountCell, reportTable, type TableRow } from '@/lib/domains/reports/table';
import { isReportType, REPORT_TITLES, type ReportType } from '@/lib/domains/reports/types';
import { requireUser } from '@/lib/adapters/web/session';
import { ExportMenu } from './export-menu';
import { FreshnessWatcher } from './freshness-watcher';
import { webContext } from '@/lib/adapters/web/context';
import { orNotFound } from '@/app/components/or-not-found';

export const dynamic = 'force-dynamic';

const PRESET_LABELS: Record<RangePreset, string> = {
  month: 'Month',
  quarter: 'Quarter',
  ytd: 'Fiscal year to date',
  custom: 'Custom range',
};

export default async function ReportsPage(props: {
  params: Promise<{ orgId: string }>;
  searchParams: Promise<{
    period?: string;
    view?: string;
    range?: string;
    from?: string;
    to?: string;
    /** The general ledger of one account (a statement row's drill-down), and the statement it came from. */
    account?: string;
    origin?: string;
  }>;
}) {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const { orgId } = await props.params;
  const search = await props.searchParams;
  const current = periodOfInstant(ctx.now());
  const period = search.period && isPeriod(search.period) ? search.period : current;
  const view: ReportType = search.view && isReportType(search.view) ? search.view : 'trial-balance';
  const preset = RANGE_PRESETS.find((candidate) => candidate === search.range) ?? 'month';
  const account = view === 'general-ledger' && search.account && isAccountCode(search.account) ? search.account : undefined;
  const origin = account && search.origin && isStatementType(search.origin) ? search.origin : undefined;
  const place: ReportPlace = { period, view, ...(account ? { account } : {}), ...(origin ? { origin } : {}) };
  const { prisma, db } = ctx;
  const [reports, organization, settings] = await Promise.all([
    lookupPeriodReports({ prisma, db, actor: user, organizationId: orgId, period }),
    getOrganization({ prisma, actor: user, organizationId: orgId }),
    getReportSettings({ prisma, actor: user, organizationId: orgId }),
  ]);
  const months = periodRange(addMonths(current, -35), current).reverse();
  // Income statements over more than a month are composed from the monthly documents.
  const ranged = view === 'income-statement' && preset !== 'month';
  const range = ranged
    ? presetRange({
        preset,
        period,
        fiscalYearStartMonth: organization.fiscalYearStartMonth,
        ...(search.from && isPeriod(search.from) ? { from: search.from } : {}),
        ...(search.to && isPeriod(search.to) ? { to: search.to } : {}),
        current,
      })
    : null;
  const composed = range
    ? await getIncomeStatementRange({ prisma, db, actor: user, organizationId: orgId, ...range, now: ctx.now() })
    : null;
  const shown = reports.find((report) => report.type === view);
  // Filtered on the server: the page carries one account's lines, not the whole ledger.
  const accountLedger =
    account && shown?.status === 'ready'
      ? await orNotFound(() => getAccountLedger({ prisma, db, actor: user, id: shown.id, accountCode: account }))
      : null;
  const document: ReportDocument | null = composed
    ? composed.document
    : accountLedger
      ? accountLedger.document
      : shown?.status === 'ready' && !account
        ? await getReport({ prisma, db, actor: user, id: shown.id })
        : null;
  const paperFirst = settings.paperSize === 'LETTER' ? (['letter', 'a4'] as const) : (['a4', 'letter'] as const);
  return (
    <>
      <h1>Reports</h1>
      <section className="panel">
        <form method="get" className="row" aria-label="Choose period">
          <div className="field" style={{ maxWidth: 220 }}>
            <label htmlFor="report-period">{ranged ? 'Month' : 'Period'}</label>
            <select id="report-period" name="period" defaultValue={period}>
              {months.map((p) => (
                <option key={p} value={p}>
                  {monthName(p)}
                </option>
              ))}
            </select>
          </div>
          {view === 'income-statement' && (
            <>
              <div className="field" style={{ maxWidth: 220 }}>
                <label htmlFor="report-range">Show</label>
                <select id="report-range" name="range" defaultValue={preset}>
                  {RANGE_PRESETS.map((value) => (
                    <option key={value} value={value}>
                      {PRESET_LABELS[value]}
                    </option>
                  ))}
                </select>
              </div>
              <fieldset className="row" style={{ border: 0, padding: 0, margin: 0 }}>
                <legend className="muted">For “Custom range”</legend>
                <MonthSelect id="report-from" name="from" label="From" months={months} value={range?.from ?? period} />
                <MonthSelect id="report-to" name="to" label="To" months={months} value={range?.to ?? period} />
              </fieldset>
            </>
          )}
          <input type="hidden" name="view" value={view} />
          <div className="field" style={{ flex: 0 }}>
            <button type="submit" className="secondary">
              Show
            </button>
          </div>
        </form>
        <FreshnessWatcher
          organizationId={orgId}
          period={period}
          allUpToDate={reports.every((report) => report.upToDate) && (composed?.upToDate ?? true)}
        />
        <table aria-label={`Reports for ${monthName(period)}`}>
          <tbody>
            {reports.map((report) => {
              const title = REPORT_TITLES[report.type as ReportType];
              const download = (format: string) => `Download ${title} ${period} as ${format}`;
              return (
                <tr key={report.type}>
                  <td>
                    <Link href={`?period=${period}&view=${report.type}`} aria-current={report.type === view ? 'true' : undefined}>
                      {title}
                    </Link>
                    <div className="muted">{report.status === 'ready' ? monthName(period) : 'not built yet'}</div>
                  </td>
                  <td>
                    {report.upToDate ? <span className="badge ok">Up to date</span> : <span className="badge pending">Updating…</span>}
                  </td>
                  <td className="num">
                    {report.status === 'ready' ? (
                      <ExportMenu
                        label={`Export ${title} ${period}`}
                        choices={[
                          ...paperFirst.map((paper) => ({
                            href: `/reports/${report.id}/pdf?paper=${paper}`,
                            label: paper === 'a4' ? 'PDF A4' : 'PDF Letter',
                            description: download(paper === 'a4' ? 'PDF, A4' : 'PDF, US Letter'),
                          })),
                          { href: `/reports/${report.id}/csv`, label: 'CSV', description: download('CSV') },
                          { href: `/reports/${report.id}/xlsx`, label: 'XLSX', description: download('XLSX') },
                        ]}
                      />
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
      {account && (
        <nav aria-label="Drill-down" className="row drill-nav">
          {origin && (
            <Link href={reportQuery({ period, view: origin })} className="back-link">
              ← Back to {REPORT_TITLES[origin].toLowerCase()}, {monthName(period)}
            </Link>
          )}
          <Link href={reportQuery({ period, view: 'general-ledger' })}>All accounts of the general ledger</Link>
        </nav>
      )}
      {range?.clipped && (
        <p className="notice" role="status" data-testid="range-clipped">
          The {preset === 'quarter' ? 'quarter' : 'fiscal year to date'} runs to {monthName(range.clipped.presetEnd)}; it is shown through{' '}
          {monthName(range.to)}, the current month: later months have not happened yet and are not counted.
        </p>
      )}
      {composed?.document && range && (
        <section className="panel row" aria-label="Export this range">
          <span>
            Income statement {monthName(range.from)} – {monthName(range.to)}
          </span>
          <ExportMenu
            label={`Export Income statement ${range.from} to ${range.to}`}
            choices={[
              ...paperFirst.map((paper) => ({
                href: rangeFileHref(orgId, 'pdf', range, paper),
                label: paper === 'a4' ? 'PDF A4' : 'PDF Letter',
                description: `Download Income statement ${range.from} to ${range.to} as ${paper === 'a4' ? 'PDF, A4' : 'PDF, US Letter'}`,
              })),
              ...(['csv', 'xlsx'] as const).map((format) => ({
                href: rangeFileHref(orgId, format, range),
                label: format.toUpperCase(),
                description: `Download Income statement ${range.from} to ${range.to} as ${format.toUpperCase()}`,
              })),
            ]}
          />
        </section>
      )}
      {document ? (
        <ReportView
          document={document}
          numberFormat={settings.numberFormat}
          ranged={ranged}
          organizationId={orgId}
          place={place}
          account={accountLedger?.account ?? null}
        />
      ) : (
        ranged && (
          <section className="panel" aria-live="polite">
            <p className="muted">Building the monthly income statements of this range…</p>
          </section>
        )
      )}
    </>
  );
}

/** The composed range as a file (the browser twin of GET /api/v1/organizations/{org}/income-statement/{format}). */
function rangeFileHref(
  organizationId: string,
  format: 'pdf' | 'csv' | 'xlsx',
  range: { from: string; to: string },
  paper?: string,
): string {
  const query = new URLSearchParams({ from: range.from, to: range.to, ...(paper ? { paper } : {}) });
  return `/orgs/${organizationId}/reports/income-statement/${format}?${query.toString()}`;
}

function MonthSelect(props: { id: string; name: string; label: string; months: string[]; value: string }) {
  return (
    <div className="field" style={{ maxWidth: 180 }}>
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} name={props.name} defaultValue={props.value}>
        {props.months.map((p) => (
          <option key={p} value={p}>
            {monthName(p)}
          </option>
        ))}
      </select>
    </div>
  );
}

function ReportView(props: {
  document: ReportDocument;
  numberFormat: NumberFormat;
  ranged: boolean;
  organizationId: string;
  /** Where this view is: the links of its rows remember it. */
  place: ReportPlace;
  /** The general ledger is filtered to this account. */
  account: { code: string; name: string } | null;
}) {
  const { document, place } = props;
  const table = reportTable(document);
  // Drill-down: a statement row's account name opens its ledger, a ledger line's description its entry.
  const linkOf = (row: TableRow, cellIndex: number): string | null => {
    if (row.accountCode && cellIndex === 1 && isStatementType(document.type))
      return accountLedgerHref(props.organizationId, { period: place.period, account: row.accountCode, origin: document.type });
    if (row.entryId && cellIndex === 2) return entryHref(props.organizationId, row.entryId, place);
    return null;
  };
  const empty = props.account !== null && document.type === 'general-ledger' && document.accounts.length === 0;
  return (
    <section className="panel report-view" aria-labelledby="report-view-heading">
      <h2 id="report-view-heading">
        {table.title} {table.dateLine}
        {props.account && ` · ${props.account.code} ${props.account.name}`}
      </h2>
      <p>
        {document.organizationName} · amounts in {document.currency}
        {table.draft && (
          <>
            {' '}
            <span className="badge draft">{DRAFT_MARK}</span>
          </>
        )}
      </p>
      {table.notes.map((note) => (
        <p key={note} className="muted">
          {note}
        </p>
      ))}
      {empty && props.account ? (
        <p className="notice" data-testid="no-postings">
          {props.account.code} {props.account.name}: no postings in {monthName(document.period)}.
        </p>
      ) : (
        <table
          aria-label={
            props.account ? `${REPORT_TITLES[document.type]} of ${props.account.code} ${props.account.name}` : REPORT_TITLES[document.type]
          }
        >
          <thead>
            <tr>
              {table.columns.map((column) => (
                <th key={column.header} className={column.kind === 'amount' ? 'num' : undefined}>
                  {column.header === 'Period' && props.ranged ? 'Range' : column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, index) => {
              // A heading alone on its row (a general-ledger account) spans to the right edge.
              const only = row.style === 'section' && row.cells.filter((cell) => cell !== null).length === 1;
              const at = only ? row.cells.findIndex((cell) => cell !== null) : -1;
              const cells = only ? row.cells.slice(0, at + 1) : row.cells;
              return (
                <tr key={index} className={row.style}>
                  {cells.map((cell, cellIndex) => {
                    const href = typeof cell === 'string' ? linkOf(row, cellIndex) : null;
                    return (
                      <td
                        key={cellIndex}
                        colSpan={cellIndex === at ? row.cells.length - at : undefined}
                        className={isAmountCell(cell) ? 'num' : row.style === 'section' ? 'section' : undefined}
                      >
                        {cell === null ? (
                          ''
                        ) : isAmountCell(cell) ? (
                          displayAmount(cell, props.numberFormat)
                        ) : href ? (
                          <Link href={href}>{cell}</Link>
                        ) : (
                          cell
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p className="muted report-meta">
        Ledger sequence {document.asOfSequence} · built {document.builtAt.replace('T', ' ').slice(0, 16)} UTC
        {props.ranged && ' · composed from the monthly income statements'}
      </p>
    </section>
  );
}
