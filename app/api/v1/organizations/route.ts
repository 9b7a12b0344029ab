import { apiActor, handleApi } from '@/lib/http/api';
import { jsonResponse, readJson } from '@/lib/http/json';
import { createOrganization } from '@/lib/ledger/commands/create-organization';
import { listOrganizations } from '@/lib/ledger/queries/organizations';
import { webContext } from '@/lib/web/context';

export const runtime = 'nodejs';

export function GET(request: Request): Promise<Response> {
  return handleApi(request, async () => {
    const ctx = webContext();
    const actor = await apiActor(ctx, request);
    return jsonResponse({ organizations: await listOrganizations({ prisma: ctx.prisma, actor }) });
  });
}

export function POST(request: Request): Promise<Response> {
  return handleApi(request, async () => {
    const ctx = webContext();
    const actor = await apiActor(ctx, request);
    const created = await createOrganization({ prisma: ctx.prisma, actor, input: await readJson(request), now: ctx.now() });
    return jsonResponse(created, { status: 201 });
  });
}
