import { apiActor, handleApi } from '@/lib/http/api';
import { jsonResponse } from '@/lib/http/json';
import { getReport } from '@/lib/reports/queries';
import { webContext } from '@/lib/web/context';

export const runtime = 'nodejs';

export function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const ctx = webContext();
    const actor = await apiActor(ctx, request);
    const { id } = await context.params;
    return jsonResponse(await getReport({ prisma: ctx.prisma, db: ctx.db, actor, id }));
  });
}
