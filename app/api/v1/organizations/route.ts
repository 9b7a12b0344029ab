import { getPrisma } from '@/lib/db/prisma';
import { apiActor, handleApi } from '@/lib/http/api';
import { jsonResponse, readJson } from '@/lib/http/json';
import { createOrganization } from '@/lib/ledger/commands/create-organization';
import { listOrganizations } from '@/lib/ledger/queries/organizations';

export const runtime = 'nodejs';

export function GET(request: Request): Promise<Response> {
  return handleApi(request, async () => {
    const actor = await apiActor(request);
    return jsonResponse({ organizations: await listOrganizations({ prisma: getPrisma(), actor }) });
  });
}

export function POST(request: Request): Promise<Response> {
  return handleApi(request, async () => {
    const actor = await apiActor(request);
    const created = await createOrganization({ prisma: getPrisma(), actor, input: await readJson(request), now: new Date() });
    return jsonResponse(created, { status: 201 });
  });
}
