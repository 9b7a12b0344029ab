import { getPrisma } from '@/lib/db/prisma';
import { handleApi } from '@/lib/http/api';
import { streamedFileResponse } from '@/lib/http/report-file';
import { getMongoDb } from '@/lib/mongo/client';
import { runZip } from '@/lib/report-runs/zip';
import { sessionActor401 } from '@/lib/web/session';

export const runtime = 'nodejs';

/** The browser's ZIP download (session cookie): the same stream as /api/v1/report-runs/{id}/download. */
export function GET(request: Request, context: { params: Promise<{ runId: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const user = await sessionActor401('Sign in to download reports');
    const { runId } = await context.params;
    const zip = await runZip({ prisma: getPrisma(), db: getMongoDb(), actor: user, runId });
    return streamedFileResponse(zip.stream, zip.filename, 'application/zip');
  });
}
