import Link from 'next/link';
import { TopBar } from '@/app/components/top-bar';
import { addMonths, periodOfInstant } from '@/lib/domains/accounting/periods';
import { listOrganizations } from '@/lib/domains/ledger/queries/organizations';
import { listRuns } from '@/lib/domains/report-runs/queries/list-runs';
import { requireUser } from '@/lib/adapters/web/session';
import { NewRunForm } from './new-run-form';
import { RUN_STATUS_LABELS } from './run-status';
import { webContext } from '@/lib/adapters/web/context';

export const dynamic = 'force-dynamic';

/** Month-end: one action produces the report pack of every client, then the list of runs. */
export default async function ReportRunsPage() {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const prisma = ctx.prisma;
  const [organizations, runs] = await Promise.all([listOrganizations({ prisma, actor: user }), listRuns({ prisma, actor: user })]);
  return (
    <>
      <TopBar userName={user.name} organizations={organizations} />
      <main>
        <h1>Report runs</h1>
        <section className="panel">
          <h2>Start a run</h2>
          <p className="muted">
            Every chosen report of every chosen organization is saved as a snapshot: a PDF that never changes afterwards, even when later
            entries change the live report. Download them one by one or as one ZIP.
          </p>
          {organizations.length === 0 ? (
            <p className="muted">You are not a member of any organization yet.</p>
          ) : (
            <NewRunForm organizations={organizations} defaultPeriod={addMonths(periodOfInstant(ctx.now()), -1)} />
          )}
        </section>
        <section className="panel">
          <h2>Recent runs</h2>
          {runs.length === 0 ? (
            <p className="muted">No runs yet.</p>
          ) : (
            <table aria-label="Recent runs">
              <thead>
                <tr>
                  <th>Period</th>
                  <th>Organizations</th>
                  <th>Status</th>
                  <th className="num">Done</th>
                  <th className="num">Failed</th>
                  <th>Started</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((run) => (
                  <tr key={run.id}>
                    <td>
                      <Link href={`/runs/${run.id}`}>{run.period}</Link>
                    </td>
                    <td>{run.organizationCount}</td>
                    <td>{RUN_STATUS_LABELS[run.status]}</td>
                    <td className="num">
                      {run.done} / {run.total}
                    </td>
                    <td className="num">{run.failed}</td>
                    <td>{new Date(run.createdAt).toISOString().slice(0, 16).replace('T', ' ')} UTC</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </main>
    </>
  );
}
