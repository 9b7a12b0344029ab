import { apiActor, handleApi } from '@/lib/http/api';
import { jsonResponse, readJson } from '@/lib/http/json';
import { listRuns } from '@/lib/report-runs/queries';
import { startReportRun } from '@/lib/report-runs/start';
import { webContext } from '@/lib/web/context';

export const runtime = 'nodejs';

/** GET /api/v1/report-runs: the newest runs you can see. */
export function GET(request: Request): Promise<Response> {
  return handleApi(request, async () => {
    const ctx = webContext();
    const actor = await apiActor(ctx, request);
    const limit = Number.parseInt(new URL(request.url).searchParams.get('limit') ?? '20', 10);
    return jsonResponse({ runs: await listRuns({ prisma: ctx.prisma, actor, limit: Number.isNaN(limit) ? 20 : limit }) });
  });
}

/** POST /api/v1/report-runs {period, organizationIds?, types?, closePeriod?} → 202 {id}; the same run already going → 200 with its id. */
export function POST(request: Request): Promise<Response> {
  return handleApi(request, async () => {
    const ctx = webContext();
    const actor = await apiActor(ctx, request);
    const run = await startReportRun({ prisma: ctx.prisma, actor, input: await readJson(request), now: ctx.now() });
    const location = `/api/v1/report-runs/${run.id}`;
    return jsonResponse(
      { id: run.id, created: run.created, links: { self: location, download: `${location}/download` } },
      {
        status: run.created ? 202 : 200,
        headers: { location },
      },
    );
  });
}
