import { jsonResponse } from '@/lib/adapters/http/json';
import * as operations from '@/lib/adapters/http/operations/reports';
import { route } from '@/lib/adapters/http/route';
import { getReport } from '@/lib/domains/reports/queries/get-report';

export const runtime = 'nodejs';

export const GET = route(operations.getReport, async ({ ctx, actor, params }) =>
  jsonResponse(await getReport({ prisma: ctx.prisma, db: ctx.db, actor, id: params.id })),
);
