import { apiActor, handleApi } from '@/lib/http/api';
import { jsonResponse } from '@/lib/http/json';
import { getSnapshot } from '@/lib/report-runs/queries';
import { webContext } from '@/lib/web/context';

export const runtime = 'nodejs';

/** GET /api/v1/report-snapshots/{id}: the frozen report document of a run, with its PDF's size and SHA-256. */
export function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const ctx = webContext();
    const actor = await apiActor(ctx, request);
    const { id } = await context.params;
    return jsonResponse(await getSnapshot({ prisma: ctx.prisma, db: ctx.db, actor, snapshotId: id }));
  });
}
