import { TopBar } from '@/app/components/top-bar';
import { addMonths, isPeriod, periodOfInstant } from '@/lib/domains/accounting/periods';
import { listOrganizations } from '@/lib/domains/ledger/queries/organizations';
import { BOARD_FILTERS, filterCloseBoard, getCloseBoard, isBoardFilter } from '@/lib/domains/report-runs/queries/close-board';
import { requireUser } from '@/lib/adapters/web/session';
import { webContext } from '@/lib/adapters/web/context';
import { CloseBoardForm } from './close-board-form';

export const dynamic = 'force-dynamic';

/** Month-end across every client: who is closed, who is ready, whose pack is out of date. */
export default async function CloseBoardPage(props: { searchParams: Promise<{ period?: string; q?: string; status?: string }> }) {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const query = await props.searchParams;
  const current = periodOfInstant(ctx.now());
  // Default: the month that has just ended (month-end work happens in the following month).
  const period = query.period && isPeriod(query.period) ? query.period : addMonths(current, -1);
  const search = query.q ?? '';
  const filter = query.status && isBoardFilter(query.status) ? query.status : 'all';
  const [organizations, rows] = await Promise.all([
    listOrganizations({ prisma: ctx.prisma, actor: user }),
    getCloseBoard({ prisma: ctx.prisma, actor: user, input: { period } }),
  ]);
  const shown = filterCloseBoard(rows, search, filter);
  const count = (predicate: (row: (typeof rows)[number]) => boolean) => rows.filter(predicate).length;
  return (
    <>
      <TopBar userName={user.name} organizations={organizations} />
      <main>
        <h1>Month-end close: {period}</h1>
        <section className="panel">
          <form method="get" className="filters" aria-label="Choose the period and filter clients">
            <div className="field">
              <label htmlFor="close-period">Period</label>
              <input id="close-period" name="period" type="month" defaultValue={period} max={current} />
            </div>
            <div className="field">
              <label htmlFor="close-search">Search clients</label>
              <input id="close-search" name="q" type="search" defaultValue={search} placeholder="Name" />
            </div>
            <div className="field">
              <label htmlFor="close-status">Show</label>
              <select id="close-status" name="status" defaultValue={filter}>
                {Object.entries(BOARD_FILTERS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="secondary">
              Show
            </button>
          </form>
          <p className="muted" data-testid="board-summary">
            {rows.length} clients: {count((row) => row.status === 'closed')} closed, {count((row) => row.status === 'open')} open,{' '}
            {count((row) => row.warnings.length > 0)} need attention, {count((row) => row.pack.status === 'changed')} packs changed since
            issued. Showing {shown.length}.
          </p>
        </section>
        <section className="panel">
          {shown.length === 0 ? (
            <p className="muted">{rows.length === 0 ? 'You are not a member of any organization yet.' : 'No client matches.'}</p>
          ) : (
            <CloseBoardForm key={`${period}|${search}|${filter}`} period={period} rows={shown} />
          )}
        </section>
      </main>
    </>
  );
}
