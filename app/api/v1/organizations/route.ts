import { jsonResponse } from '@/lib/http/json';
import * as operations from '@/lib/http/operations/ledger';
import { route } from '@/lib/http/route';
import { createOrganization } from '@/lib/ledger/commands/create-organization';
import { listOrganizations } from '@/lib/ledger/queries/organizations';

export const runtime = 'nodejs';

export const GET = route(operations.listOrganizations, async ({ ctx, actor }) =>
  jsonResponse({ organizations: await listOrganizations({ prisma: ctx.prisma, actor }) }),
);

export const POST = route(operations.createOrganization, async ({ ctx, actor, body }) =>
  jsonResponse(await createOrganization({ prisma: ctx.prisma, actor, input: body, now: ctx.now() }), { status: 201 }),
);
