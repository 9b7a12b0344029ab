import { jsonResponse } from '@/lib/http/json';
import * as operations from '@/lib/http/operations/reports';
import { route } from '@/lib/http/route';
import { lookupReport } from '@/lib/reports/queries';

export const runtime = 'nodejs';

export const GET = route(operations.lookupReport, async ({ ctx, actor, params, query }) => {
  const report = await lookupReport({
    prisma: ctx.prisma,
    db: ctx.db,
    actor,
    organizationId: params.org,
    query,
    headerCache: ctx.caches.reportHeaders,
  });
  return jsonResponse({ ...report, links: { self: `/api/v1/reports/${report.id}`, pdf: `/api/v1/reports/${report.id}/pdf` } });
});
