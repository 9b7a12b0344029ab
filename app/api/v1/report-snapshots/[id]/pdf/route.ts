import { getPrisma } from '@/lib/db/prisma';
import { apiActor, handleApi } from '@/lib/http/api';
import { immutableFileResponse } from '@/lib/http/report-file';
import { getMongoDb } from '@/lib/mongo/client';
import { getSnapshotPdf } from '@/lib/report-runs/queries';

export const runtime = 'nodejs';

/** GET /api/v1/report-snapshots/{id}/pdf: exactly the bytes that were produced by the run. */
export function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const actor = await apiActor(request);
    const { id } = await context.params;
    const file = await getSnapshotPdf({ prisma: getPrisma(), db: getMongoDb(), actor, snapshotId: id });
    return immutableFileResponse(file.body, file.filename, 'application/pdf', file.sha256);
  });
}
