import { jsonResponse } from '@/lib/http/json';
import * as operations from '@/lib/http/operations/ledger';
import { route } from '@/lib/http/route';
import { closePeriod } from '@/lib/ledger/commands/close-period';

export const runtime = 'nodejs';

export const POST = route(operations.closePeriod, async ({ ctx, actor, params }) =>
  jsonResponse(await closePeriod({ prisma: ctx.prisma, actor, organizationId: params.org, period: params.period, now: ctx.now() })),
);
