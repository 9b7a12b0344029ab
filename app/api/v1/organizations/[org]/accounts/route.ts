import { jsonResponse } from '@/lib/adapters/http/json';
import * as operations from '@/lib/adapters/http/operations/ledger';
import { route } from '@/lib/adapters/http/route';
import { createAccount } from '@/lib/domains/ledger/commands/create-account';
import { listAccounts } from '@/lib/domains/ledger/queries/organizations';

export const runtime = 'nodejs';

export const GET = route(operations.listAccounts, async ({ ctx, actor, params }) =>
  jsonResponse({ accounts: await listAccounts({ prisma: ctx.prisma, actor, organizationId: params.org }) }),
);

export const POST = route(operations.createAccount, async ({ ctx, actor, params, body }) =>
  jsonResponse(await createAccount({ prisma: ctx.prisma, actor, organizationId: params.org, input: body, now: ctx.now() }), {
    status: 201,
  }),
);
