import Link from 'next/link';
import { roleAllows } from '@/lib/domains/auth/access';
import { addMonths, isPeriod } from '@/lib/domains/accounting/periods';
import { listFiscalYearPeriods } from '@/lib/domains/ledger/queries/periods';
import { previewCloseThrough } from '@/lib/domains/ledger/queries/preview-close-through';
import { requireUser } from '@/lib/adapters/web/session';
import { CloseThroughConfirm, PeriodAction, ReopenForm } from './period-action';
import { webContext } from '@/lib/adapters/web/context';

export const dynamic = 'force-dynamic';

type Search = { year?: string; closeThrough?: string; reopen?: string; closed?: string };

export default async function PeriodsPage(props: { params: Promise<{ orgId: string }>; searchParams: Promise<Search> }) {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const { orgId } = await props.params;
  const search = await props.searchParams;
  const valid = (value: string | undefined) => (value && isPeriod(value) ? value : undefined);
  const year = valid(search.year);
  const result = await listFiscalYearPeriods({ prisma: ctx.prisma, actor: user, organizationId: orgId, containing: year, now: ctx.now() });
  const isAdmin = roleAllows(result.role, 'manage-periods');
  const here = `/orgs/${orgId}/periods${year ? `?year=${year}` : ''}`;
  const closeThrough = isAdmin ? valid(search.closeThrough) : undefined;
  const preview = closeThrough
    ? await previewCloseThrough({ prisma: ctx.prisma, actor: user, organizationId: orgId, input: { through: closeThrough } })
    : null;
  const reopen = isAdmin ? result.periods.find((period) => period.period === search.reopen && period.status === 'closed') : undefined;
  const closed = valid(search.closed);
  const lastEnded = addMonths(result.currentPeriod, -1);
  const { openPast } = result;
  return (
    <>
      <h1>Periods of the fiscal year from {result.fiscalYearStart}</h1>
      {closed && (
        <p className="notice" role="status">
          Closed every month through {closed}.
        </p>
      )}
      {openPast.length > 0 && (
        <p className="warning-note" data-testid="open-past">
          <span className="badge pending">Past months open</span>{' '}
          {openPast.length === 1
            ? `${openPast[0]} has ended and is still open.`
            : `${openPast.length} months that have ended are still open: ${openPast.length <= 6 ? openPast.join(', ') : `${openPast.slice(0, 3).join(', ')} … ${openPast[openPast.length - 1]}`}.`}
        </p>
      )}
      {isAdmin && !preview && !reopen && (
        <section className="panel">
          <h2>Close through a month</h2>
          <form method="get" className="filters" aria-label="Close through a month">
            {year && <input type="hidden" name="year" value={year} />}
            <div className="field">
              <label htmlFor="close-through">Close every open month through</label>
              <input id="close-through" name="closeThrough" type="month" defaultValue={openPast.at(-1) ?? lastEnded} required />
            </div>
            <button type="submit" className="secondary">
              Review…
            </button>
          </form>
        </section>
      )}
      {preview && (
        <section className="panel confirm" aria-labelledby="close-through-heading">
          <h2 id="close-through-heading">Close through {preview.through}?</h2>
          {preview.months.length === 0 ? (
            <p>
              Every month through {preview.through} is already closed. <Link href={here}>Back</Link>
            </p>
          ) : (
            <>
              <p data-testid="close-through-summary">
                This locks {preview.months.length === 1 ? '1 month' : `${preview.months.length} months`} (
                {preview.months.length <= 6 ? preview.months.join(', ') : `${preview.months[0]} – ${preview.months.at(-1)}`}) holding{' '}
                {preview.entries === 1 ? '1 entry' : `${preview.entries} entries`}. No entry dated in them can be posted, imported or used
                for a reversal until a month is reopened; their reports are rebuilt to show them closed.
              </p>
              <CloseThroughConfirm organizationId={orgId} through={preview.through} months={preview.months.length} cancelHref={here} />
            </>
          )}
        </section>
      )}
      {reopen && (
        <section className="panel confirm" aria-labelledby="reopen-heading">
          <h2 id="reopen-heading">Reopen {reopen.period}</h2>
          <ReopenForm organizationId={orgId} period={reopen.period} cancelHref={here} />
        </section>
      )}
      <p className="pager">
        <Link href={`?year=${addMonths(result.fiscalYearStart, -12)}`}>← Previous year</Link>
        <Link href={`?year=${addMonths(result.fiscalYearStart, 12)}`}>Next year →</Link>
      </p>
      <section className="panel">
        <table aria-label="Periods">
          <thead>
            <tr>
              <th>Period</th>
              <th>Status</th>
              <th>Last changed</th>
              <th>By</th>
              <th>Reason</th>
              {isAdmin && (
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {result.periods.map((period) => (
              <tr key={period.period}>
                <td>{period.period}</td>
                <td>
                  {period.status === 'closed' ? <span className="badge ok">Closed</span> : <span className="badge neutral">Open</span>}
                  {period.pastOpen && (
                    <>
                      {' '}
                      <span className="badge pending">Ended, still open</span>
                    </>
                  )}
                </td>
                <td>{period.changedAt ? period.changedAt.replace('T', ' ').slice(0, 16) + ' UTC' : '—'}</td>
                <td>{period.changedBy ?? '—'}</td>
                <td>{period.reason ?? '—'}</td>
                {isAdmin && (
                  <td>
                    {period.status === 'open' ? (
                      <PeriodAction organizationId={orgId} period={period.period} />
                    ) : (
                      <Link
                        className="button secondary"
                        href={`?${new URLSearchParams({ ...(year ? { year } : {}), reopen: period.period }).toString()}`}
                        aria-label={`Reopen period ${period.period}`}
                      >
                        Reopen…
                      </Link>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {!isAdmin && <p className="muted">Only administrators can close or reopen periods.</p>}
      </section>
    </>
  );
}
