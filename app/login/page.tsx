import { redirect } from 'next/navigation';
import { currentUser } from '@/lib/adapters/web/session';
import { SignInForm } from './sign-in-form';
import { webContext } from '@/lib/adapters/web/context';

export const dynamic = 'force-dynamic';

export default async function LoginPage() {
  if (await currentUser(webContext())) redirect('/orgs');
  return (
    <main className="login">
      <section className="panel">
        <h1>Sign in to Closebook</h1>
        <SignInForm />
      </section>
    </main>
  );
}
