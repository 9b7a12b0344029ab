import { handleApi } from '@/lib/http/api';
import { immutableFileResponse } from '@/lib/http/report-file';
import { getSnapshotPdf } from '@/lib/report-runs/queries';
import { sessionActor401 } from '@/lib/web/session';
import { webContext } from '@/lib/web/context';

export const runtime = 'nodejs';

/** One snapshot's PDF (session cookie), exactly as the run produced it. */
export function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const ctx = webContext();
    const user = await sessionActor401(ctx, 'Sign in to download reports');
    const { id } = await context.params;
    const file = await getSnapshotPdf({ prisma: ctx.prisma, db: ctx.db, actor: user, snapshotId: id });
    return immutableFileResponse(file.body, file.filename, 'application/pdf', file.sha256);
  });
}
