import { getPrisma } from '@/lib/db/prisma';
import { apiActor, handleApi } from '@/lib/http/api';
import { jsonResponse } from '@/lib/http/json';
import { getMongoDb } from '@/lib/mongo/client';
import { getSnapshot } from '@/lib/report-runs/queries';

export const runtime = 'nodejs';

/** GET /api/v1/report-snapshots/{id}: the frozen report document of a run, with its PDF's size and SHA-256. */
export function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const actor = await apiActor(request);
    const { id } = await context.params;
    return jsonResponse(await getSnapshot({ prisma: getPrisma(), db: getMongoDb(), actor, snapshotId: id }));
  });
}
