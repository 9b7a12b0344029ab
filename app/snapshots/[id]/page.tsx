import Link from 'next/link';
import { TopBar } from '@/app/components/top-bar';
import { orNotFound } from '@/app/components/or-not-found';
import { listOrganizations } from '@/lib/domains/ledger/queries/organizations';
import { getSnapshot } from '@/lib/domains/report-runs/queries/get-snapshot';
import { getSnapshotChanges } from '@/lib/domains/report-runs/queries/snapshot-changes';
import { requireUser } from '@/lib/adapters/web/session';
import { webContext } from '@/lib/adapters/web/context';
import { ChangedBadge } from './snapshot-changes';

export const dynamic = 'force-dynamic';

/** One issued report: what it was built from, and whether the books have moved since. */
export default async function SnapshotPage(props: { params: Promise<{ id: string }> }) {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const { id } = await props.params;
  const prisma = ctx.prisma;
  const organizations = await listOrganizations({ prisma, actor: user });
  const [snapshot, changes] = await orNotFound(() =>
    Promise.all([
      getSnapshot({ prisma, db: ctx.db, actor: user, snapshotId: id }),
      getSnapshotChanges({ prisma, db: ctx.db, actor: user, snapshotId: id, now: ctx.now() }),
    ]),
  );
  return (
    <>
      <TopBar userName={user.name} organizations={organizations} />
      <main>
        <p>
          <Link href={`/runs/${snapshot.runId}`}>← Report run</Link>
        </p>
        <h1>
          {changes.title} {snapshot.period} · {changes.organizationName}
        </h1>
        <p>
          <ChangedBadge changes={changes} />
        </p>
        <dl className="facts">
          <dt>Issued as of ledger sequence</dt>
          <dd>{snapshot.asOfSequence}</dd>
          <dt>Ledger hash</dt>
          <dd>
            <code>{snapshot.ledgerHash ?? '—'}</code>
          </dd>
          <dt>Issued</dt>
          <dd>{snapshot.createdAt.slice(0, 16).replace('T', ' ')} UTC</dd>
          <dt>PDF</dt>
          <dd>
            {snapshot.pdf.pages} page(s), SHA-256 <code>{snapshot.pdf.sha256.slice(0, 16)}…</code>
          </dd>
        </dl>
        <p>
          <a className="button" href={`/snapshots/${id}/pdf`} download>
            Download the issued PDF
          </a>{' '}
          <Link href={`/snapshots/${id}/changes`}>Changes since issued</Link>
        </p>
      </main>
    </>
  );
}
