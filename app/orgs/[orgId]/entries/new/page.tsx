import { listAccounts } from '@/lib/domains/ledger/queries/organizations';
import { getReportSettings } from '@/lib/domains/organizations/report-settings';
import { numberFormatExample } from '@/lib/domains/money/money';
import { requireUser } from '@/lib/adapters/web/session';
import { EntryForm } from '../../entry-form';
import { webContext } from '@/lib/adapters/web/context';

export const dynamic = 'force-dynamic';

export default async function NewEntryPage(props: { params: Promise<{ orgId: string }> }) {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const { orgId } = await props.params;
  const accounts = await listAccounts({ prisma: ctx.prisma, actor: user, organizationId: orgId });
  // Amounts are typed and shown in the organization's number format (its report settings).
  const { numberFormat } = await getReportSettings({ prisma: ctx.prisma, actor: user, organizationId: orgId });
  return (
    <section className="panel" aria-labelledby="post-heading">
      <h1 id="post-heading">Post a journal entry</h1>
      <p className="muted" id="entry-help">
        Type an account code or part of its name, then <kbd>↓</kbd>/<kbd>↑</kbd> and <kbd>Enter</kbd> to choose, or <kbd>Tab</kbd> to take
        the only match. Amounts as {numberFormatExample(numberFormat)}. <kbd>Tab</kbd> past the last line adds one; <kbd>=</kbd> in an empty
        amount fills the amount that balances the entry. <kbd>Ctrl</kbd>+<kbd>Enter</kbd> (<kbd>⌘</kbd>+<kbd>Enter</kbd> on a Mac) posts;
        with <kbd>Shift</kbd> it posts and starts a new entry.
      </p>
      <EntryForm
        organizationId={orgId}
        accounts={accounts.filter((account) => account.isActive).map(({ code, name }) => ({ code, name }))}
        today={ctx.now().toISOString().slice(0, 10)}
        numberFormat={numberFormat}
      />
    </section>
  );
}
