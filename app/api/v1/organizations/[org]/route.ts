import { jsonResponse } from '@/lib/adapters/http/json';
import * as operations from '@/lib/adapters/http/operations/ledger';
import { route } from '@/lib/adapters/http/route';
import { getOrganization } from '@/lib/domains/ledger/queries/organizations';

export const runtime = 'nodejs';

export const GET = route(operations.getOrganization, async ({ ctx, actor, params }) =>
  jsonResponse(await getOrganization({ prisma: ctx.prisma, actor, organizationId: params.org })),
);
