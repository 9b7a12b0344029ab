import type { Metadata } from 'next';
import Link from 'next/link';
import { signOutAction } from '@/app/login/actions';
import { MIN_PASSWORD_LENGTH } from '@/lib/domains/auth/register-user';
import { lookUpInvitation } from '@/lib/domains/organizations/invitations/accept-invitation';
import { UNUSABLE_MESSAGES } from '@/lib/domains/organizations/invitations/invitation-link';
import { openedInvitationToken } from '@/lib/adapters/web/invitation-cookie';
import { currentUser } from '@/lib/adapters/web/session';
import { webContext } from '@/lib/adapters/web/context';
import { AcceptForm } from './accept-form';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Invitation · Closebook' };

/**
 * The accept page of the invitation link this browser opened (/invitations/{token} put its
 * token in a cookie). No sign-in needed: the token is the credential.
 */
export default async function JoinPage() {
  const ctx = webContext();
  const token = await openedInvitationToken();
  const [view, user] = await Promise.all([
    token ? lookUpInvitation({ prisma: ctx.prisma, token, now: ctx.now() }) : { status: 'unknown' as const },
    currentUser(ctx),
  ]);
  if (view.status !== 'pending') {
    return (
      <Panel title="Invitation">
        <p className="alert" role="alert">
          {UNUSABLE_MESSAGES[view.status]}
        </p>
        <p>
          <Link href="/login">Sign in</Link>
        </p>
      </Panel>
    );
  }
  const offer = (
    <p style={{ overflowWrap: 'anywhere' }}>
      {view.invitedBy} invites <strong>{view.email}</strong> to join <strong>{view.organization.name}</strong> as{' '}
      <strong>{view.role}</strong>. The link works once, until {view.expiresAt.toISOString().slice(0, 10)}.
    </p>
  );
  let body;
  if (user && user.email !== view.email) {
    body = (
      <>
        <p className="alert" role="alert">
          You are signed in as {user.email}, and this invitation is for {view.email}. Sign out, then open this link again.
        </p>
        <form action={signOutAction}>
          <button type="submit" className="secondary">
            Sign out
          </button>
        </form>
      </>
    );
  } else if (user) {
    body = <AcceptForm newAccount={false} minPasswordLength={MIN_PASSWORD_LENGTH} />;
  } else if (view.hasAccount) {
    body = (
      <p>
        You already have an account with {view.email}. <Link href="/login?next=/join">Sign in to accept</Link>.
      </p>
    );
  } else {
    body = <AcceptForm newAccount minPasswordLength={MIN_PASSWORD_LENGTH} />;
  }
  return (
    <Panel title={`Join ${view.organization.name}`}>
      {offer}
      {body}
    </Panel>
  );
}

function Panel(props: { title: string; children: React.ReactNode }) {
  return (
    <main className="login">
      <section className="panel">
        <h1>{props.title}</h1>
        {props.children}
      </section>
    </main>
  );
}
