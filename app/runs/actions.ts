'use server';

// The browser's report-run commands: the same lib/ calls as POST /api/v1/report-runs and
// …/retry, with the session user as the actor; domain errors come back as form state.
import { redirect } from 'next/navigation';
import type { ActionState } from '@/app/orgs/[orgId]/actions';
import { isAppError } from '@/lib/errors';
import { retryRun } from '@/lib/report-runs/queries';
import { startReportRun } from '@/lib/report-runs/start';
import { requireUser } from '@/lib/web/session';
import { webContext } from '@/lib/web/context';

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
  let runId: string;
  try {
    runId = (await startReportRun({ prisma: ctx.prisma, actor: user, input, now: ctx.now() })).id;
  } catch (error) {
    if (isAppError(error)) {
      // Shown again as submitted, so a refused run does not lose the selection.
      const values = {
        period: input.period,
        organizationIds: input.organizationIds.join(','),
        types: input.types.join(','),
        closePeriod: input.closePeriod ? 'on' : '',
      };
      return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors, values };
    }
    throw error;
  }
  // A new run, or the identical run already going: either way, show its progress.
  redirect(`/runs/${runId}`);
}

/** Retries the failed organizations of a run: one (organizationId) or all (null). */
export async function retryRunAction(runId: string, organizationId: string | null): Promise<ActionState> {
  const ctx = webContext();
  const user = await requireUser(ctx);
  try {
    const input = organizationId ? { organizationIds: [organizationId] } : {};
    const { retried } = await retryRun({ prisma: ctx.prisma, actor: user, runId, input, now: ctx.now() });
    return { ok: true, message: retried === 1 ? 'Queued again' : `${retried} organizations queued again` };
  } catch (error) {
    if (isAppError(error)) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}
