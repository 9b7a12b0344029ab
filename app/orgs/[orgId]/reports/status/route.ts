import { jsonResponse } from '@/lib/adapters/http/json';
import { periodReportStatus } from '@/lib/adapters/http/operations/reports';
import { route } from '@/lib/adapters/http/route';
import { lookupPeriodReports } from '@/lib/domains/reports/queries/lookup-report';

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
