'use server';

// The browser's report-run commands: the same lib/ calls as POST /api/v1/report-runs and
// …/retry, with the session user as the actor; domain errors come back as form state.
import { redirect } from 'next/navigation';
import { retryRun } from '@/lib/domains/report-runs/commands/retry-run';
import { startReportRun } from '@/lib/domains/report-runs/commands/start-run';
import { attempt, type ActionState } from '@/lib/adapters/web/form-state';
import { requireUser } from '@/lib/adapters/web/session';
import { webContext } from '@/lib/adapters/web/context';

export async function startRunAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const strings = (name: string) => form.getAll(name).filter((value): value is string => typeof value === 'string');
  const period = form.get('period');
  const input = {
    period: typeof period === 'string' ? period : '',
    organizationIds: strings('organizationIds'),
    types: strings('types'),
    closePeriod: form.get('closePeriod') === 'on',
  };
  const result = await attempt(() => startReportRun({ prisma: ctx.prisma, actor: user, input, now: ctx.now() }));
  if (!result.ok) {
    // Shown again as submitted, so a refused run does not lose the selection.
    const values = {
      period: input.period,
      organizationIds: input.organizationIds.join(','),
      types: input.types.join(','),
      closePeriod: input.closePeriod ? 'on' : '',
    };
    return { ...result, values };
  }
  // A new run, or the identical run already going: either way, show its progress.
  redirect(`/runs/${result.value.id}`);
}

/** Retries the failed organizations of a run: one (organizationId) or all (null). */
export async function retryRunAction(runId: string, organizationId: string | null): Promise<ActionState> {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const input = organizationId ? { organizationIds: [organizationId] } : {};
  const result = await attempt(() => retryRun({ prisma: ctx.prisma, actor: user, runId, input, now: ctx.now() }));
  if (!result.ok) return result;
  const { retried } = result.value;
  return { ok: true, message: retried === 1 ? 'Queued again' : `${retried} organizations queued again` };
}
