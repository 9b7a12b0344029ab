import { apiActor, handleApi } from '@/lib/http/api';
import { jsonResponse } from '@/lib/http/json';
import { lookupReport } from '@/lib/reports/queries';
import { webContext } from '@/lib/web/context';

export const runtime = 'nodejs';

export function GET(request: Request, context: { params: Promise<{ org: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const ctx = webContext();
    const actor = await apiActor(ctx, request);
    const { org } = await context.params;
    const query = Object.fromEntries(new URL(request.url).searchParams);
    const report = await lookupReport({ prisma: ctx.prisma, db: ctx.db, actor, organizationId: org, query });
    return jsonResponse({ ...report, links: { self: `/api/v1/reports/${report.id}`, pdf: `/api/v1/reports/${report.id}/pdf` } });
  });
}
