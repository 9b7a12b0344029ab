import Link from 'next/link';
import { notFound as nextNotFound } from 'next/navigation';
import { TopBar } from '@/app/components/top-bar';
import { isAppError } from '@/lib/errors';
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
  let progress;
  try {
    progress = await getRunProgress({ prisma, actor: user, runId });
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') nextNotFound();
    throw error;
  }
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
