import { jsonResponse } from '@/lib/adapters/http/json';
import * as operations from '@/lib/adapters/http/operations/ledger';
import { route } from '@/lib/adapters/http/route';
import { updateAccount } from '@/lib/domains/ledger/commands/update-account';

export const runtime = 'nodejs';

export const PATCH = route(operations.updateAccount, async ({ ctx, actor, params, body }) =>
  jsonResponse(
    await updateAccount({ prisma: ctx.prisma, actor, organizationId: params.org, accountId: params.id, input: body, now: ctx.now() }),
  ),
);
