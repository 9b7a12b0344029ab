import { TopBar } from '@/app/components/top-bar';
import { listOrganizations } from '@/lib/domains/ledger/queries/organizations';
import { MIN_PASSWORD_LENGTH } from '@/lib/domains/auth/register-user';
import { webContext } from '@/lib/adapters/web/context';
import { requireUser } from '@/lib/adapters/web/session';
import { ChangePasswordForm, SignOutOthersForm } from './account-forms';

export const dynamic = 'force-dynamic';

/** One's own account: the password, and the other sessions. */
export default async function AccountPage() {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const organizations = await listOrganizations({ prisma: ctx.prisma, actor: user });
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
      </main>
    </>
  );
}
