import Link from 'next/link';
import { TopBar } from '@/app/components/top-bar';
import { listOrganizationsWithPeriods } from '@/lib/domains/ledger/queries/organizations';
import { requireUser } from '@/lib/adapters/web/session';
import { webContext } from '@/lib/adapters/web/context';

export const dynamic = 'force-dynamic';

export default async function OrganizationsPage() {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const organizations = await listOrganizationsWithPeriods({ prisma: ctx.prisma, actor: user, now: ctx.now() });
  return (
    <>
      <TopBar userName={user.name} organizations={organizations} />
      <main>
        <h1>Your organizations</h1>
        <section className="panel">
          {organizations.length === 0 ? (
            <p className="muted">You are not a member of any organization yet.</p>
          ) : (
            <table aria-label="Your organizations">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Currency</th>
                  <th>Fiscal year starts</th>
                  <th>Last closed</th>
                  <th>Past months open</th>
                  <th>Your role</th>
                </tr>
              </thead>
              <tbody>
                {organizations.map((organization) => (
                  <tr key={organization.id}>
                    <td>
                      <Link href={`/orgs/${organization.id}`}>{organization.name}</Link>
                    </td>
                    <td>{organization.baseCurrency}</td>
                    <td>
                      {new Date(Date.UTC(2000, organization.fiscalYearStartMonth - 1, 1)).toLocaleString('en', {
                        month: 'long',
                        timeZone: 'UTC',
                      })}
                    </td>
                    <td>{organization.lastClosed ?? <span className="muted">None</span>}</td>
                    <td>
                      <OpenPast organizationId={organization.id} months={organization.openPast} />
                    </td>
                    <td>{organization.role}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </main>
    </>
  );
}

/** Months that have ended and are still open: flagged, with a link to close them. */
function OpenPast(props: { organizationId: string; months: string[] }) {
  const { months } = props;
  if (months.length === 0) return <span className="muted">None</span>;
  const first = months[0] ?? '';
  const last = months[months.length - 1] ?? '';
  return (
    <Link href={`/orgs/${props.organizationId}/periods?year=${last}`}>
      <span className="badge pending">{months.length === 1 ? '1 month' : `${months.length} months`}</span>{' '}
      {months.length === 1 ? first : `${first} – ${last}`}
    </Link>
  );
}
