import { jsonResponse } from '@/lib/http/json';
import * as operations from '@/lib/http/operations/report-runs';
import { route } from '@/lib/http/route';
import { getSnapshot } from '@/lib/report-runs/queries';

export const runtime = 'nodejs';

/** GET /api/v1/report-snapshots/{id}: the frozen report document of a run, with its PDF's size and SHA-256. */
export const GET = route(operations.getReportSnapshot, async ({ ctx, actor, params }) =>
  jsonResponse(await getSnapshot({ prisma: ctx.prisma, db: ctx.db, actor, snapshotId: params.id })),
);
