import Link from 'next/link';
import { TopBar } from '@/app/components/top-bar';
import { listOrganizations } from '@/lib/domains/ledger/queries/organizations';
import { requireUser } from '@/lib/adapters/web/session';
import { webContext } from '@/lib/adapters/web/context';

export const dynamic = 'force-dynamic';

export default async function OrganizationsPage() {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const organizations = await listOrganizations({ prisma: ctx.prisma, actor: user });
  return (
    <>
      <TopBar userName={user.name} organizations={organizations} />
      <main>
        <h1>Your organizations</h1>
        <section className="panel">
          {organizations.length === 0 ? (
            <p className="muted">You are not a member of any organization yet.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Currency</th>
                  <th>Fiscal year starts</th>
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
