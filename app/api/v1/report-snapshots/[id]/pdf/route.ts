import { apiActor, handleApi } from '@/lib/http/api';
import { immutableFileResponse } from '@/lib/http/report-file';
import { getSnapshotPdf } from '@/lib/report-runs/queries';
import { webContext } from '@/lib/web/context';

export const runtime = 'nodejs';

/** GET /api/v1/report-snapshots/{id}/pdf: exactly the bytes that were produced by the run. */
export function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const ctx = webContext();
    const actor = await apiActor(ctx, request);
    const { id } = await context.params;
    const file = await getSnapshotPdf({ prisma: ctx.prisma, db: ctx.db, actor, snapshotId: id });
    return immutableFileResponse(file.body, file.filename, 'application/pdf', file.sha256);
  });
}
