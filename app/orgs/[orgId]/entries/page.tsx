import Link from 'next/link';
import { isAppError } from '@/lib/errors';
import { listEntries } from '@/lib/domains/ledger/queries/list-entries';
import { formatForReport } from '@/lib/domains/money/money';
import { getReportSettings } from '@/lib/domains/organizations/report-settings';
import { requireUser } from '@/lib/adapters/web/session';
import { webContext } from '@/lib/adapters/web/context';

export const dynamic = 'force-dynamic';

type Search = { from?: string; to?: string; account?: string; text?: string; page?: string };

export default async function EntriesPage(props: { params: Promise<{ orgId: string }>; searchParams: Promise<Search> }) {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const { orgId } = await props.params;
  const search = await props.searchParams;
  let result;
  let problem: string | null = null;
  try {
    result = await listEntries({ prisma: ctx.prisma, actor: user, organizationId: orgId, filter: search });
  } catch (error) {
    if (!isAppError(error) || error.code !== 'validation_failed') throw error;
    problem = error.fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; ');
    result = await listEntries({ prisma: ctx.prisma, actor: user, organizationId: orgId, filter: {} });
  }
  const { numberFormat } = await getReportSettings({ prisma: ctx.prisma, actor: user, organizationId: orgId });
  const pageLink = (page: number) =>
    `?${new URLSearchParams({ ...Object.fromEntries(Object.entries(search).filter(([, v]) => typeof v === 'string' && v !== '')), page: String(page) }).toString()}`;
  return (
    <>
      <h1>Journal entries</h1>
      <section className="panel">
        <form method="get" className="row" aria-label="Filter entries">
          <div className="field">
            <label htmlFor="filter-from">From</label>
            <input id="filter-from" name="from" type="date" defaultValue={search.from} />
          </div>
          <div className="field">
            <label htmlFor="filter-to">To</label>
            <input id="filter-to" name="to" type="date" defaultValue={search.to} />
          </div>
          <div className="field">
            <label htmlFor="filter-account">Account code</label>
            <input id="filter-account" name="account" defaultValue={search.account} />
          </div>
          <div className="field" style={{ flex: 2 }}>
            <label htmlFor="filter-text">Memo or reference contains</label>
            <input id="filter-text" name="text" defaultValue={search.text} />
          </div>
          <div className="field" style={{ flex: 0 }}>
            <button type="submit">Filter</button>
          </div>
        </form>
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        <p className="muted">
          {result.total} entr{result.total === 1 ? 'y' : 'ies'} · page {result.filter.page} of {result.pages}
        </p>
        <table aria-label="Entries">
          <thead>
            <tr>
              <th>Date</th>
              <th>Memo</th>
              <th>Reference</th>
              <th className="num">Amount</th>
              <th className="num">Sequence</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {result.entries.map((entry) => (
              <tr key={entry.id}>
                <td>{entry.date}</td>
                <td>
                  <Link href={`/orgs/${orgId}/entries/${entry.id}`}>{entry.memo}</Link>
                </td>
                <td>{entry.reference}</td>
                <td className="num">{formatForReport(entry.totalMinor, { numberFormat })}</td>
                <td className="num">{entry.sequence}</td>
                <td className="muted">{entry.isReversal ? 'reversal' : entry.isReversed ? 'reversed' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <nav className="pager" aria-label="Pages">
          {result.filter.page > 1 && <Link href={pageLink(result.filter.page - 1)}>← Newer</Link>}
          {result.filter.page < result.pages && <Link href={pageLink(result.filter.page + 1)}>Older →</Link>}
        </nav>
      </section>
    </>
  );
}
