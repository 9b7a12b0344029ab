import { jsonResponse } from '@/lib/adapters/http/json';
import * as operations from '@/lib/adapters/http/operations/ledger';
import { route } from '@/lib/adapters/http/route';
import { closePeriodsThrough } from '@/lib/domains/ledger/commands/close-periods-through';

export const runtime = 'nodejs';

export const POST = route(operations.closePeriodsThrough, async ({ ctx, actor, params, body }) =>
  jsonResponse(await closePeriodsThrough({ prisma: ctx.prisma, actor, organizationId: params.org, input: body, now: ctx.now() })),
);
