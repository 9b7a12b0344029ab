import { jsonResponse } from '@/lib/http/json';
import * as operations from '@/lib/http/operations/report-runs';
import { route } from '@/lib/http/route';
import { listRuns } from '@/lib/report-runs/queries';
import { startReportRun } from '@/lib/report-runs/start';

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
