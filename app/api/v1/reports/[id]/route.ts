import { getPrisma } from '@/lib/db/prisma';
import { apiActor, handleApi } from '@/lib/http/api';
import { jsonResponse } from '@/lib/http/json';
import { getMongoDb } from '@/lib/mongo/client';
import { getReport } from '@/lib/reports/queries';

export const runtime = 'nodejs';

export function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const actor = await apiActor(request);
    const { id } = await context.params;
    return jsonResponse(await getReport({ prisma: getPrisma(), db: getMongoDb(), actor, id }));
  });
}
