import { TopBar } from '@/app/components/top-bar';
import { listOrganizations } from '@/lib/domains/ledger/queries/organizations';
import { MIN_PASSWORD_LENGTH } from '@/lib/domains/auth/register-user';
import { webContext } from '@/lib/adapters/web/context';
import { requireUser } from '@/lib/adapters/web/session';
import { listApiTokens } from '@/lib/domains/auth/manage-api-tokens';
import { ChangePasswordForm, SignOutOthersForm } from './account-forms';
import { CreateTokenForm, RevokeTokenButton } from './token-forms';

export const dynamic = 'force-dynamic';

/** One's own account: the password, and the other sessions. */
export default async function AccountPage() {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const [organizations, tokens] = await Promise.all([
    listOrganizations({ prisma: ctx.prisma, actor: user }),
    listApiTokens({ prisma: ctx.prisma, actor: user, now: ctx.now() }),
  ]);
  const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : '—');
  return (
    <>
      <TopBar userName={user.name} organizations={organizations} />
      <main>
        <h1>Your account</h1>
        <p className="muted">
          {user.name} · {user.email}
        </p>
        <section className="panel">
          <h2>Change password</h2>
          <ChangePasswordForm minPasswordLength={MIN_PASSWORD_LENGTH} />
        </section>
        <section className="panel">
          <h2>Other sessions</h2>
          <p className="muted">Signed in somewhere else, on a shared or lost computer? End every session but this one.</p>
          <SignOutOthersForm />
        </section>
        <section className="panel">
          <h2>API tokens</h2>
          <p className="muted">
            For scripts and integrations: send <code>Authorization: Bearer &lt;token&gt;</code> to <code>/api/v1</code>. A revoked token
            stops working at once.
          </p>
          {tokens.length === 0 ? (
            <p className="muted">No API tokens.</p>
          ) : (
            <table aria-label="API tokens">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Created</th>
                  <th>Last used</th>
                  <th>Expires</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {tokens.map((token) => (
                  <tr key={token.id}>
                    <td>{token.name}</td>
                    <td>{day(token.createdAt)}</td>
                    <td>{day(token.lastUsedAt)}</td>
                    <td>{day(token.expiresAt)}</td>
                    <td>
                      <RevokeTokenButton tokenId={token.id} name={token.name} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <CreateTokenForm />
        </section>
      </main>
    </>
  );
}
