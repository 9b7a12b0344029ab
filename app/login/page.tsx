import { redirect } from 'next/navigation';
import { needsFirstAdmin } from '@/lib/domains/organizations/setup-first-admin';
import { currentUser } from '@/lib/adapters/web/session';
import { SignInForm } from './sign-in-form';
import { webContext } from '@/lib/adapters/web/context';

export const dynamic = 'force-dynamic';

export default async function LoginPage() {
  if (await currentUser(webContext())) redirect('/orgs');
  // A fresh database (no demo seed with DATABASE_URL set): nobody could sign in yet.
  if (await needsFirstAdmin(webContext().prisma)) redirect('/setup');
  return (
    <main className="login">
      <section className="panel">
        <h1>Sign in to Closebook</h1>
        <SignInForm />
      </section>
    </main>
  );
}
