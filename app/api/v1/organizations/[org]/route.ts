import { apiActor, handleApi } from '@/lib/http/api';
import { jsonResponse } from '@/lib/http/json';
import { getOrganization } from '@/lib/ledger/queries/organizations';
import { webContext } from '@/lib/web/context';

export const runtime = 'nodejs';

export function GET(request: Request, context: { params: Promise<{ org: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const ctx = webContext();
    const actor = await apiActor(ctx, request);
    const { org } = await context.params;
    return jsonResponse(await getOrganization({ prisma: ctx.prisma, actor, organizationId: org }));
  });
}
