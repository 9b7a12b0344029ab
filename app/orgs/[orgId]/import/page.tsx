import { requireUser } from '@/lib/adapters/web/session';
import { ImportForm } from './import-form';
import { webContext } from '@/lib/adapters/web/context';

export const dynamic = 'force-dynamic';

export default async function ImportPage(props: { params: Promise<{ orgId: string }> }) {
  await requireUser(webContext());
  const { orgId } = await props.params;
  return (
    <>
      <h1>Import journal entries from CSV</h1>
      <section className="panel">
        <p>
          One row per line, with the header <code>entry,date,memo,reference,account,debit,credit,description</code>. Rows with the same{' '}
          <code>entry</code> form one entry; its date, memo and reference come from its first row. Amounts use a dot and at most two
          decimals (<code>1234.50</code>).
        </p>
        <p className="muted">
          The preview lists every problem and writes nothing. The import is all-or-nothing: either every entry is posted or none.
        </p>
        <ImportForm organizationId={orgId} />
      </section>
    </>
  );
}
