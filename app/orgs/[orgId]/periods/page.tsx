import Link from 'next/link';
import { roleAllows } from '@/lib/domains/auth/access';
import { addMonths, isPeriod } from '@/lib/domains/accounting/periods';
import { listFiscalYearPeriods } from '@/lib/domains/ledger/queries/periods';
import { requireUser } from '@/lib/adapters/web/session';
import { PeriodAction } from './period-action';
import { webContext } from '@/lib/adapters/web/context';

export const dynamic = 'force-dynamic';

export default async function PeriodsPage(props: { params: Promise<{ orgId: string }>; searchParams: Promise<{ year?: string }> }) {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const { orgId } = await props.params;
  const { year } = await props.searchParams;
  const result = await listFiscalYearPeriods({
    prisma: ctx.prisma,
    actor: user,
    organizationId: orgId,
    containing: year && isPeriod(year) ? year : undefined,
    now: ctx.now(),
  });
  const isAdmin = roleAllows(result.role, 'manage-periods');
  return (
    <>
      <h1>Periods of the fiscal year from {result.fiscalYearStart}</h1>
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
              {isAdmin && <th />}
            </tr>
          </thead>
          <tbody>
            {result.periods.map((period) => (
              <tr key={period.period}>
                <td>{period.period}</td>
                <td>
                  {period.status === 'closed' ? <span className="badge pending">Closed</span> : <span className="badge ok">Open</span>}
                </td>
                <td>{period.changedAt ? period.changedAt.replace('T', ' ').slice(0, 16) + ' UTC' : '—'}</td>
                <td>{period.changedBy ?? '—'}</td>
                {isAdmin && (
                  <td>
                    <PeriodAction organizationId={orgId} period={period.period} status={period.status} />
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
