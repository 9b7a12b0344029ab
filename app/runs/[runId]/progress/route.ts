import { handleApi } from '@/lib/http/api';
import { jsonResponse } from '@/lib/http/json';
import { getRunProgress } from '@/lib/report-runs/queries';
import { sessionActor401 } from '@/lib/web/session';
import { webContext } from '@/lib/web/context';

export const runtime = 'nodejs';

/** The run page's live progress (session cookie): the same figures as GET /api/v1/report-runs/{id}. */
export function GET(request: Request, context: { params: Promise<{ runId: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const ctx = webContext();
    const user = await sessionActor401(ctx);
    const { runId } = await context.params;
    const organizations = new URL(request.url).searchParams.get('organizations') !== 'false';
    return jsonResponse(await getRunProgress({ prisma: ctx.prisma, actor: user, runId, organizations }), {
      headers: { 'cache-control': 'no-store' },
    });
  });
}
