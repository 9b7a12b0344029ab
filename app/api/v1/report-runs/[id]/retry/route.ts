import { apiActor, handleApi } from '@/lib/http/api';
import { jsonResponse, readOptionalJson } from '@/lib/http/json';
import { retryRun } from '@/lib/report-runs/queries';
import { webContext } from '@/lib/web/context';

export const runtime = 'nodejs';

/** POST /api/v1/report-runs/{id}/retry {organizationIds?}: runs the failed organizations again → 202 {retried}. */
export function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const ctx = webContext();
    const actor = await apiActor(ctx, request);
    const { id } = await context.params;
    const input = await readOptionalJson(request);
    const result = await retryRun({ prisma: ctx.prisma, actor, runId: id, input, now: ctx.now() });
    return jsonResponse(result, { status: 202 });
  });
}
