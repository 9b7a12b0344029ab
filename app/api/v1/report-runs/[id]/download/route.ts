import { apiActor, handleApi } from '@/lib/http/api';
import { streamedFileResponse } from '@/lib/http/report-file';
import { runZip } from '@/lib/report-runs/zip';
import { webContext } from '@/lib/web/context';

export const runtime = 'nodejs';

/** GET /api/v1/report-runs/{id}/download: the run's ZIP (folder per organization + index.csv), streamed. */
export function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const ctx = webContext();
    const actor = await apiActor(ctx, request);
    const { id } = await context.params;
    const zip = await runZip({ prisma: ctx.prisma, db: ctx.db, actor, runId: id });
    return streamedFileResponse(zip.stream, zip.filename, 'application/zip');
  });
}
