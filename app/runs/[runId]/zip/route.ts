import { handleApi } from '@/lib/http/api';
import { streamedFileResponse } from '@/lib/http/report-file';
import { runZip } from '@/lib/report-runs/zip';
import { sessionActor401 } from '@/lib/web/session';
import { webContext } from '@/lib/web/context';

export const runtime = 'nodejs';

/** The browser's ZIP download (session cookie): the same stream as /api/v1/report-runs/{id}/download. */
export function GET(request: Request, context: { params: Promise<{ runId: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const ctx = webContext();
    const user = await sessionActor401(ctx, 'Sign in to download reports');
    const { runId } = await context.params;
    const zip = await runZip({ prisma: ctx.prisma, db: ctx.db, actor: user, runId });
    return streamedFileResponse(zip.stream, zip.filename, 'application/zip');
  });
}
