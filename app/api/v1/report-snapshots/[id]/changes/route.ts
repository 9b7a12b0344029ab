import { jsonResponse } from '@/lib/adapters/http/json';
import { getReportSnapshotChanges } from '@/lib/adapters/http/operations/report-runs';
import { route } from '@/lib/adapters/http/route';
import { getSnapshotChanges } from '@/lib/domains/report-runs/queries/snapshot-changes';

export const runtime = 'nodejs';

/** GET /api/v1/report-snapshots/{id}/changes: the issued snapshot against today's report of the same period. */
export const GET = route(getReportSnapshotChanges, async ({ ctx, actor, params }) =>
  jsonResponse(await getSnapshotChanges({ prisma: ctx.prisma, db: ctx.db, actor, snapshotId: params.id, now: ctx.now() })),
);
