import { handleApi } from '@/lib/http/api';
import { formatFromPath, paperFromQuery, reportFileResponse } from '@/lib/http/report-file';
import { getReportFile } from '@/lib/reports/queries';
import { sessionActor401 } from '@/lib/web/session';
import { webContext } from '@/lib/web/context';

export const runtime = 'nodejs';

/** The browser's downloads (session cookie): the same use case as /api/v1/reports/{id}/{format}. */
export function GET(request: Request, context: { params: Promise<{ id: string; format: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const ctx = webContext();
    const user = await sessionActor401(ctx, 'Sign in to download reports');
    const { id, format } = await context.params;
    const file = await getReportFile({
      prisma: ctx.prisma,
      db: ctx.db,
      actor: user,
      id,
      format: formatFromPath(format),
      paper: paperFromQuery(new URL(request.url).searchParams),
      ifNoneMatch: request.headers.get('if-none-match'),
      renderer: ctx.renderer,
      fileCache: ctx.fileCache,
    });
    return reportFileResponse(file);
  });
}
