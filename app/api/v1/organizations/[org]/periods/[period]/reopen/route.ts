import { jsonResponse } from '@/lib/http/json';
import * as operations from '@/lib/http/operations/ledger';
import { route } from '@/lib/http/route';
import { reopenPeriod } from '@/lib/ledger/commands/reopen-period';

export const runtime = 'nodejs';

export const POST = route(operations.reopenPeriod, async ({ ctx, actor, params }) =>
  jsonResponse(await reopenPeriod({ prisma: ctx.prisma, actor, organizationId: params.org, period: params.period, now: ctx.now() })),
);
