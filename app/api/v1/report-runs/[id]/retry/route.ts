import { jsonResponse } from '@/lib/http/json';
import * as operations from '@/lib/http/operations/report-runs';
import { route } from '@/lib/http/route';
import { retryRun } from '@/lib/report-runs/queries';

export const runtime = 'nodejs';

/** POST /api/v1/report-runs/{id}/retry {organizationIds?}: runs the failed organizations again → 202 {retried}. */
export const POST = route(operations.retryReportRun, async ({ ctx, actor, params, body }) =>
  jsonResponse(await retryRun({ prisma: ctx.prisma, actor, runId: params.id, input: body, now: ctx.now() }), { status: 202 }),
);
