import Link from 'next/link';
import { TopBar } from '@/app/components/top-bar';
import { orNotFound } from '@/app/components/or-not-found';
import { listOrganizations } from '@/lib/domains/ledger/queries/organizations';
import { getSnapshotChanges } from '@/lib/domains/report-runs/queries/snapshot-changes';
import { requireUser } from '@/lib/adapters/web/session';
import { webContext } from '@/lib/adapters/web/context';
import { ChangedBadge, ChangesTable } from '../snapshot-changes';

export const dynamic = 'force-dynamic';

/** "Changes since issued": the issued snapshot against today's report of the same period. */
export default async function SnapshotChangesPage(props: { params: Promise<{ id: string }> }) {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const { id } = await props.params;
  const organizations = await listOrganizations({ prisma: ctx.prisma, actor: user });
  const changes = await orNotFound(() =>
    getSnapshotChanges({ prisma: ctx.prisma, db: ctx.db, actor: user, snapshotId: id, now: ctx.now() }),
  );
  return (
    <>
      <TopBar userName={user.name} organizations={organizations} />
      <main>
        <p>
          <Link href={`/snapshots/${id}`}>← Snapshot</Link>
        </p>
        <h1>
          Changes since issued: {changes.title} {changes.period} · {changes.organizationName}
        </h1>
        <p>
          <ChangedBadge changes={changes} />
        </p>
        <p className="muted">
          Issued as of ledger sequence {changes.snapshotAsOf} (ledger {changes.snapshotLedgerHash?.slice(0, 12) ?? '—'}); now as of sequence{' '}
          {changes.liveAsOf} (ledger {changes.liveLedgerHash?.slice(0, 12) ?? '—'}).
        </p>
        <ChangesTable changes={changes} />
        <p>
          <a className="button" href={`/snapshots/${id}/changes/pdf`} download>
            Download as PDF
          </a>
        </p>
      </main>
    </>
  );
}
