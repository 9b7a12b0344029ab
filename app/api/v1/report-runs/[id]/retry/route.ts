import { jsonResponse } from '@/lib/adapters/http/json';
import * as operations from '@/lib/adapters/http/operations/report-runs';
import { route } from '@/lib/adapters/http/route';
import { retryRun } from '@/lib/domains/report-runs/commands/retry-run';

export const runtime = 'nodejs';

/** POST /api/v1/report-runs/{id}/retry {organizationIds?}: runs the failed organizations again → 202 {retried}. */
export const POST = route(operations.retryReportRun, async ({ ctx, actor, params, body }) =>
  jsonResponse(await retryRun({ prisma: ctx.prisma, actor, runId: params.id, input: body, now: ctx.now() }), { status: 202 }),
);
