import { jsonResponse } from '@/lib/http/json';
import { periodReportStatus } from '@/lib/http/operations/reports';
import { route } from '@/lib/http/route';
import { lookupPeriodReports } from '@/lib/reports/queries';

export const runtime = 'nodejs';

/** Freshness of the four reports of a period, for the reports page's badges (session cookie). */
export const GET = route(
  periodReportStatus,
  async ({ ctx, actor, params, query }) =>
    jsonResponse({
      reports: await lookupPeriodReports({
        prisma: ctx.prisma,
        db: ctx.db,
        actor,
        organizationId: params.org,
        period: query.period,
        headerCache: ctx.caches.reportHeaders,
      }),
    }),
  { org: 'orgId' },
);
