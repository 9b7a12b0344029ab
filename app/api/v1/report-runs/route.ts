import { jsonResponse } from '@/lib/adapters/http/json';
import * as operations from '@/lib/adapters/http/operations/report-runs';
import { route } from '@/lib/adapters/http/route';
import { listRuns } from '@/lib/domains/report-runs/queries/list-runs';
import { startReportRun } from '@/lib/domains/report-runs/commands/start-run';

export const runtime = 'nodejs';

/** GET /api/v1/report-runs: the newest runs you can see. */
export const GET = route(operations.listReportRuns, async ({ ctx, actor, query }) =>
  jsonResponse({ runs: await listRuns({ prisma: ctx.prisma, actor, limit: query.limit }) }),
);

/** POST /api/v1/report-runs {period, organizationIds?, types?, closePeriod?} → 202 {id}; the same run already going → 200 with its id. */
export const POST = route(operations.startReportRun, async ({ ctx, actor, body }) => {
  const run = await startReportRun({ prisma: ctx.prisma, actor, input: body, now: ctx.now() });
  const location = `/api/v1/report-runs/${run.id}`;
  return jsonResponse(
    { id: run.id, created: run.created, links: { self: location, download: `${location}/download` } },
    { status: run.created ? 202 : 200, headers: { location } },
  );
});
