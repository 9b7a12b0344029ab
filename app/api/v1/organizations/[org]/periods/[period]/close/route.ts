import { jsonResponse } from '@/lib/adapters/http/json';
import * as operations from '@/lib/adapters/http/operations/ledger';
import { route } from '@/lib/adapters/http/route';
import { closePeriod } from '@/lib/domains/ledger/commands/close-period';

export const runtime = 'nodejs';

export const POST = route(operations.closePeriod, async ({ ctx, actor, params, body }) =>
  jsonResponse(
    await closePeriod({ prisma: ctx.prisma, actor, organizationId: params.org, period: params.period, input: body, now: ctx.now() }),
  ),
);
