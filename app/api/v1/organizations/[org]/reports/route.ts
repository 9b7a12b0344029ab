import { jsonResponse } from '@/lib/adapters/http/json';
import * as operations from '@/lib/adapters/http/operations/reports';
import { route } from '@/lib/adapters/http/route';
import { lookupReport } from '@/lib/domains/reports/queries/lookup-report';

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
