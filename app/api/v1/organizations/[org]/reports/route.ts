import { getPrisma } from '@/lib/db/prisma';
import { apiActor, handleApi } from '@/lib/http/api';
import { jsonResponse } from '@/lib/http/json';
import { getMongoDb } from '@/lib/mongo/client';
import { lookupReport } from '@/lib/reports/queries';

export const runtime = 'nodejs';

export function GET(request: Request, context: { params: Promise<{ org: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const actor = await apiActor(request);
    const { org } = await context.params;
    const query = Object.fromEntries(new URL(request.url).searchParams);
    const report = await lookupReport({ prisma: getPrisma(), db: getMongoDb(), actor, organizationId: org, query });
    return jsonResponse({ ...report, links: { self: `/api/v1/reports/${report.id}`, pdf: `/api/v1/reports/${report.id}/pdf` } });
  });
}
