import { apiActor, handleApi } from '@/lib/http/api';
import { formatFromPath, paperFromQuery, reportFileResponse } from '@/lib/http/report-file';
import { getReportFile } from '@/lib/reports/queries';
import { webContext } from '@/lib/web/context';

export const runtime = 'nodejs';

/** GET /api/v1/reports/{id}/pdf | csv | xlsx */
export function GET(request: Request, context: { params: Promise<{ id: string; format: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const ctx = webContext();
    const actor = await apiActor(ctx, request);
    const { id, format } = await context.params;
    const file = await getReportFile({
      prisma: ctx.prisma,
      db: ctx.db,
      actor,
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
