import { roleAllows } from '@/lib/domains/auth/access';
import { ACCOUNT_TYPES } from '@/lib/domains/accounting/account-types';
import { getOrganization, listAccountsWithUsage } from '@/lib/domains/ledger/queries/organizations';
import { requireUser } from '@/lib/adapters/web/session';
import { AccountRow, CreateAccountForm } from './account-forms';
import { webContext } from '@/lib/adapters/web/context';

export const dynamic = 'force-dynamic';

const HEADINGS = { asset: 'Assets', liability: 'Liabilities', equity: 'Equity', revenue: 'Revenue', expense: 'Expenses' } as const;

export default async function AccountsPage(props: { params: Promise<{ orgId: string }> }) {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const { orgId } = await props.params;
  const prisma = ctx.prisma;
  const [accounts, organization] = await Promise.all([
    listAccountsWithUsage({ prisma, actor: user, organizationId: orgId }),
    getOrganization({ prisma, actor: user, organizationId: orgId }),
  ]);
  const canManage = roleAllows(organization.role, 'manage-accounts');
  return (
    <>
      <h1>Chart of accounts</h1>
      {canManage && (
        <section className="panel" aria-labelledby="new-account-heading">
          <h2 id="new-account-heading">New account</h2>
          <CreateAccountForm organizationId={orgId} />
        </section>
      )}
      {ACCOUNT_TYPES.map((type) => (
        <section className="panel" key={type} aria-labelledby={`heading-${type}`}>
          <h2 id={`heading-${type}`}>{HEADINGS[type]}</h2>
          <table aria-label={HEADINGS[type]}>
            <thead>
              <tr>
                <th style={{ width: 90 }}>Code</th>
                <th>Name</th>
                <th style={{ width: 110 }}>Status</th>
                <th className="num" style={{ width: 90 }}>
                  Postings
                </th>
                {canManage && <th style={{ width: 520 }}>Actions</th>}
              </tr>
            </thead>
            <tbody>
              {accounts
                .filter((account) => account.type === type)
                .map((account) => (
                  <AccountRow key={account.id} organizationId={orgId} account={account} canManage={canManage} />
                ))}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}
