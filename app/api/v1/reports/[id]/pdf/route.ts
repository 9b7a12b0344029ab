import { getPrisma } from '@/lib/db/prisma';
import { apiActor, handleApi } from '@/lib/http/api';
import { getMongoDb } from '@/lib/mongo/client';
import { pdfResponse, paperFromQuery } from '@/lib/http/pdf';
import { getReportPdf } from '@/lib/reports/queries';

export const runtime = 'nodejs';

export function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const actor = await apiActor(request);
    const { id } = await context.params;
    const pdf = await getReportPdf({
      prisma: getPrisma(),
      db: getMongoDb(),
      actor,
      id,
      paper: paperFromQuery(new URL(request.url).searchParams),
      ifNoneMatch: request.headers.get('if-none-match'),
    });
    return pdfResponse(pdf);
  });
}
