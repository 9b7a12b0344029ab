'use server';

// The board's one command: close the period and build the pack of the chosen clients — a
// report run with close-first (the same lib/ call as POST /api/v1/report-runs with
// `closePeriod: true`), then its progress page.
import { redirect } from 'next/navigation';
import { startReportRun } from '@/lib/domains/report-runs/commands/start-run';
import { attempt, type ActionState } from '@/lib/adapters/web/form-state';
import { requireUser } from '@/lib/adapters/web/session';
import { webContext } from '@/lib/adapters/web/context';

export async function closeAndBuildAction(period: string, _state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const organizationIds = form.getAll('organizationIds').filter((value): value is string => typeof value === 'string');
  if (organizationIds.length === 0) {
    return { ok: false, code: 'validation_failed', message: 'Select at least one client', fieldErrors: [] };
  }
  const input = { period, organizationIds, closePeriod: true };
  const result = await attempt(() => startReportRun({ prisma: ctx.prisma, actor: user, input, now: ctx.now() }));
  if (!result.ok) return { ...result, values: { organizationIds: organizationIds.join(',') } };
  redirect(`/runs/${result.value.id}`);
}
