import { notFound } from 'next/navigation';
import { MIN_PASSWORD_LENGTH } from '@/lib/domains/auth/register-user';
import { needsFirstAdmin } from '@/lib/domains/organizations/setup-first-admin';
import { webContext } from '@/lib/adapters/web/context';
import { SetupForm } from './setup-form';

export const dynamic = 'force-dynamic';

/** First run only: once anybody has an account this page does not exist. */
export default async function SetupPage() {
  if (!(await needsFirstAdmin(webContext().prisma))) notFound();
  return (
    <main className="login">
      <section className="panel">
        <h1>Set up Closebook</h1>
        <p>Create the first administrator and your first organization. This page is available only until the first account exists.</p>
        <SetupForm minPasswordLength={MIN_PASSWORD_LENGTH} />
      </section>
    </main>
  );
}
