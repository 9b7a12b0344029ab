import { redirect } from 'next/navigation';
import { needsFirstAdmin } from '@/lib/domains/organizations/setup-first-admin';
import { safeReturnPath } from '@/lib/adapters/web/return-path';
import { currentUser } from '@/lib/adapters/web/session';
import { SignInForm } from './sign-in-form';
import { webContext } from '@/lib/adapters/web/context';

export const dynamic = 'force-dynamic';

/** `next`: a path of this site to return to after signing in (an invitation link). */
export default async function LoginPage(props: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeReturnPath((await props.searchParams).next);
  if (await currentUser(webContext())) redirect(next);
  // A fresh database (no demo seed with DATABASE_URL set): nobody could sign in yet.
  if (await needsFirstAdmin(webContext().prisma)) redirect('/setup');
  return (
    <main className="login">
      <section className="panel">
        <h1>Sign in to Closebook</h1>
        <SignInForm next={next} />
      </section>
    </main>
  );
}
