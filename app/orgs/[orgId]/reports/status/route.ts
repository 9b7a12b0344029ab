import { getPrisma } from '@/lib/db/prisma';
import { handleApi } from '@/lib/http/api';
import { jsonResponse } from '@/lib/http/json';
import { getMongoDb } from '@/lib/mongo/client';
import { lookupPeriodReports } from '@/lib/reports/queries';
import { sessionActor401 } from '@/lib/web/session';

export const runtime = 'nodejs';

/** Freshness of the four reports of a period, for the reports page's badges (session cookie). */
export function GET(request: Request, context: { params: Promise<{ orgId: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const user = await sessionActor401('Sign in first');
    const { orgId } = await context.params;
    const period = new URL(request.url).searchParams.get('period') ?? '';
    const reports = await lookupPeriodReports({ prisma: getPrisma(), db: getMongoDb(), actor: user, organizationId: orgId, period });
    return jsonResponse({ reports });
  });
}
