import { jsonResponse } from '@/lib/adapters/http/json';
import * as operations from '@/lib/adapters/http/operations/report-runs';
import { route } from '@/lib/adapters/http/route';
import { getSnapshot } from '@/lib/domains/report-runs/queries/get-snapshot';

export const runtime = 'nodejs';

/** GET /api/v1/report-snapshots/{id}: the frozen report document of a run, with its PDF's size and SHA-256. */
export const GET = route(operations.getReportSnapshot, async ({ ctx, actor, params }) =>
  jsonResponse(await getSnapshot({ prisma: ctx.prisma, db: ctx.db, actor, snapshotId: params.id })),
);
