import { getPrisma } from '@/lib/db/prisma';
import { apiActor, handleApi } from '@/lib/http/api';
import { formatFromPath, paperFromQuery, reportFileResponse } from '@/lib/http/report-file';
import { getMongoDb } from '@/lib/mongo/client';
import { getReportFile } from '@/lib/reports/queries';

export const runtime = 'nodejs';

/** GET /api/v1/reports/{id}/pdf | csv | xlsx */
export function GET(request: Request, context: { params: Promise<{ id: string; format: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const actor = await apiActor(request);
    const { id, format } = await context.params;
    const file = await getReportFile({
      prisma: getPrisma(),
      db: getMongoDb(),
      actor,
      id,
      format: formatFromPath(format),
      paper: paperFromQuery(new URL(request.url).searchParams),
      ifNoneMatch: request.headers.get('if-none-match'),
    });
    return reportFileResponse(file);
  });
}
