import { jsonResponse } from '@/lib/adapters/http/json';
import * as operations from '@/lib/adapters/http/operations/ledger';
import { route } from '@/lib/adapters/http/route';
import { createOrganization } from '@/lib/domains/ledger/commands/create-organization';
import { listOrganizations } from '@/lib/domains/ledger/queries/organizations';

export const runtime = 'nodejs';

export const GET = route(operations.listOrganizations, async ({ ctx, actor }) =>
  jsonResponse({ organizations: await listOrganizations({ prisma: ctx.prisma, actor }) }),
);

export const POST = route(operations.createOrganization, async ({ ctx, actor, body }) =>
  jsonResponse(await createOrganization({ prisma: ctx.prisma, actor, input: body, now: ctx.now() }), { status: 201 }),
);
