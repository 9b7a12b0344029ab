import { getPrisma } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import { handleApi } from '@/lib/http/api';
import { paperFromQuery, pdfResponse } from '@/lib/http/pdf';
import { getMongoDb } from '@/lib/mongo/client';
import { getReportPdf } from '@/lib/reports/queries';
import { currentUser } from '@/lib/web/session';

export const runtime = 'nodejs';

/** The browser's PDF download (session cookie); same use case as /api/v1/reports/{id}/pdf. */
export function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const user = await currentUser();
    if (!user) throw new AppError('unauthorized', 'Sign in to download reports');
    const { id } = await context.params;
    const pdf = await getReportPdf({
      prisma: getPrisma(),
      db: getMongoDb(),
      actor: user,
      id,
      paper: paperFromQuery(new URL(request.url).searchParams),
      ifNoneMatch: request.headers.get('if-none-match'),
    });
    return pdfResponse(pdf);
  });
}
