import { handleApi } from '@/lib/http/api';
import { jsonResponse } from '@/lib/http/json';
import { lookupPeriodReports } from '@/lib/reports/queries';
import { sessionActor401 } from '@/lib/web/session';
import { webContext } from '@/lib/web/context';

export const runtime = 'nodejs';

/** Freshness of the four reports of a period, for the reports page's badges (session cookie). */
export function GET(request: Request, context: { params: Promise<{ orgId: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const ctx = webContext();
    const user = await sessionActor401(ctx, 'Sign in first');
    const { orgId } = await context.params;
    const period = new URL(request.url).searchParams.get('period') ?? '';
    const reports = await lookupPeriodReports({ prisma: ctx.prisma, db: ctx.db, actor: user, organizationId: orgId, period });
    return jsonResponse({ reports });
  });
}
