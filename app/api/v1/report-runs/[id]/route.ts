import { apiActor, handleApi } from '@/lib/http/api';
import { jsonResponse } from '@/lib/http/json';
import { getRunProgress } from '@/lib/report-runs/queries';
import { webContext } from '@/lib/web/context';

export const runtime = 'nodejs';

/** GET /api/v1/report-runs/{id}[?organizations=false]: progress {status, total, done, failed, pending, ratePerSecond, etaSeconds, organizations[]}. */
export function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const ctx = webContext();
    const actor = await apiActor(ctx, request);
    const { id } = await context.params;
    const organizations = new URL(request.url).searchParams.get('organizations') !== 'false';
    return jsonResponse(await getRunProgress({ prisma: ctx.prisma, actor, runId: id, organizations }), {
      headers: { 'cache-control': 'no-store' },
    });
  });
}
