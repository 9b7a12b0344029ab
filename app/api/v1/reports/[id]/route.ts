import { jsonResponse } from '@/lib/http/json';
import * as operations from '@/lib/http/operations/reports';
import { route } from '@/lib/http/route';
import { getReport } from '@/lib/reports/queries';

export const runtime = 'nodejs';

export const GET = route(operations.getReport, async ({ ctx, actor, params }) =>
  jsonResponse(await getReport({ prisma: ctx.prisma, db: ctx.db, actor, id: params.id })),
);
