import { roleAllows } from '@/lib/domains/auth/access';
import { ACCOUNT_TYPES } from '@/lib/domains/accounting/account-types';
import { getOrganization, listAccountsWithUsage } from '@/lib/domains/ledger/queries/organizations';
import { monthName } from '@/lib/domains/accounting/periods';
import { formatForReport } from '@/lib/domains/money/money';
import { getReportSettings } from '@/lib/domains/organizations/report-settings';
import { currentAccountBalances } from '@/lib/domains/reports/queries/dashboard-figures';
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
  const now = ctx.now();
  const [accounts, organization, { numberFormat }, { period, balances }] = await Promise.all([
    listAccountsWithUsage({ prisma, actor: user, organizationId: orgId }),
    getOrganization({ prisma, actor: user, organizationId: orgId }),
    getReportSettings({ prisma, actor: user, organizationId: orgId }),
    currentAccountBalances({ prisma, db: ctx.db, actor: user, organizationId: orgId, now }),
  ]);
  // An account the trial balance does not list has no balance; no stored trial balance yet: unknown.
  const balanceOf = (code: string) => (balances ? formatForReport(balances.get(code) ?? 0n, { numberFormat }) : '—');
  const canManage = roleAllows(organization.role, 'manage-accounts');
  return (
    <>
      <h1>Chart of accounts</h1>
      <p className="muted">
        Balances at the end of {monthName(period)}, from its stored trial balance, in each account&apos;s normal direction (revenue and
        expenses: fiscal year to date; in parentheses: the other side).
      </p>
      {canManage && (
        <section className="panel" aria-labelledby="new-account-heading">
          <h2 id="new-account-heading">New account</h2>
          <CreateAccountForm organizationId={orgId} />
        </section>
      )}
      {ACCOUNT_TYPES.map((type) => (
        <section className="panel" key={type} aria-labelledby={`heading-${type}`}>
          <h2 id={`heading-${type}`}>{HEADINGS[type]}</h2>
          <div className="table-scroll">
            <table aria-label={HEADINGS[type]}>
              <thead>
                <tr>
                  <th style={{ width: 90 }}>Code</th>
                  <th>Name</th>
                  <th style={{ width: 190 }}>Sub-type</th>
                  <th style={{ width: 110 }}>Status</th>
                  <th className="num" style={{ width: 90 }}>
                    Postings
                  </th>
                  <th className="num" style={{ width: 150 }}>
                    Balance
                  </th>
                  {canManage && <th style={{ width: 300 }}>Actions</th>}
                </tr>
              </thead>
              <tbody>
                {accounts
                  .filter((account) => account.type === type)
                  .map((account) => (
                    <AccountRow
                      key={account.id}
                      organizationId={orgId}
                      account={account}
                      canManage={canManage}
                      balance={balanceOf(account.code)}
                    />
                  ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
