import Link from 'next/link';
import { TopBar } from '@/app/components/top-bar';
import { orNotFound } from '@/app/components/or-not-found';
import { listOrganizations } from '@/lib/domains/ledger/queries/organizations';
import { getRunProgress } from '@/lib/domains/report-runs/queries/get-run-progress';
import { requireUser } from '@/lib/adapters/web/session';
import { RunProgressView } from './run-progress';
import { webContext } from '@/lib/adapters/web/context';

export const dynamic = 'force-dynamic';

export default async function ReportRunPage(props: { params: Promise<{ runId: string }> }) {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const { runId } = await props.params;
  const prisma = ctx.prisma;
  const organizations = await listOrganizations({ prisma, actor: user });
  const progress = await orNotFound(() => getRunProgress({ prisma, actor: user, runId }));
  return (
    <>
      <TopBar userName={user.name} organizations={organizations} />
      <main>
        <p>
          <Link href="/runs">← Report runs</Link>
        </p>
        <h1>Report run {progress.period}</h1>
        <p className="muted">
          Started {progress.createdAt.slice(0, 16).replace('T', ' ')} UTC{progress.createdBy ? ` by ${progress.createdBy}` : ''} ·{' '}
          {progress.organizations.length} organization{progress.organizations.length === 1 ? '' : 's'} × {progress.types.length} report
          {progress.types.length === 1 ? '' : 's'}
          {progress.closePeriod ? ` · closes ${progress.period} first` : ''}
        </p>
        <RunProgressView initial={progress} />
      </main>
    </>
  );
}
