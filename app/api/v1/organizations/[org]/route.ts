import { jsonResponse } from '@/lib/http/json';
import * as operations from '@/lib/http/operations/ledger';
import { route } from '@/lib/http/route';
import { getOrganization } from '@/lib/ledger/queries/organizations';

export const runtime = 'nodejs';

export const GET = route(operations.getOrganization, async ({ ctx, actor, params }) =>
  jsonResponse(await getOrganization({ prisma: ctx.prisma, actor, organizationId: params.org })),
);
