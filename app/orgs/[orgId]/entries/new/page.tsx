import { listAccounts } from '@/lib/domains/ledger/queries/organizations';
import { requireUser } from '@/lib/adapters/web/session';
import { EntryForm } from '../../entry-form';
import { webContext } from '@/lib/adapters/web/context';

export const dynamic = 'force-dynamic';

export default async function NewEntryPage(props: { params: Promise<{ orgId: string }> }) {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const { orgId } = await props.params;
  const accounts = await listAccounts({ prisma: ctx.prisma, actor: user, organizationId: orgId });
  return (
    <section className="panel" aria-labelledby="post-heading">
      <h1 id="post-heading">Post a journal entry</h1>
      <p className="muted">
        Type an account code or name. Keys: <kbd>Alt</kbd>+<kbd>N</kbd> adds a line, <kbd>Alt</kbd>+<kbd>Backspace</kbd> removes the current
        one, <kbd>Ctrl</kbd>+<kbd>Enter</kbd> posts.
      </p>
      <EntryForm
        organizationId={orgId}
        accounts={accounts.filter((account) => account.isActive).map(({ code, name }) => ({ code, name }))}
        today={ctx.now().toISOString().slice(0, 10)}
      />
    </section>
  );
}
