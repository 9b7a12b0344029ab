import { getPrisma } from '@/lib/db/prisma';
import { apiActor, handleApi } from '@/lib/http/api';
import { streamedFileResponse } from '@/lib/http/report-file';
import { getMongoDb } from '@/lib/mongo/client';
import { runZip } from '@/lib/report-runs/zip';

export const runtime = 'nodejs';

/** GET /api/v1/report-runs/{id}/download: the run's ZIP (folder per organization + index.csv), streamed. */
export function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const actor = await apiActor(request);
    const { id } = await context.params;
    const zip = await runZip({ prisma: getPrisma(), db: getMongoDb(), actor, runId: id });
    return streamedFileResponse(zip.stream, zip.filename, 'application/zip');
  });
}
