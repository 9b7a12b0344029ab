import { getPrisma } from '@/lib/db/prisma';
import { apiActor, handleApi } from '@/lib/http/api';
import { jsonResponse } from '@/lib/http/json';
import { getOrganization } from '@/lib/ledger/queries/organizations';

export const runtime = 'nodejs';

export function GET(request: Request, context: { params: Promise<{ org: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const actor = await apiActor(request);
    const { org } = await context.params;
    return jsonResponse(await getOrganization({ prisma: getPrisma(), actor, organizationId: org }));
  });
}
