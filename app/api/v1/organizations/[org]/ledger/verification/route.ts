import { jsonResponse } from '@/lib/adapters/http/json';
import * as operations from '@/lib/adapters/http/operations/ledger';
import { route } from '@/lib/adapters/http/route';
import { verifyLedger } from '@/lib/domains/ledger/queries/verify-ledger';

export const runtime = 'nodejs';

export const GET = route(operations.verifyLedger, async ({ ctx, actor, params }) => {
  const { organizationId: _organizationId, ...verification } = await verifyLedger({
    prisma: ctx.prisma,
    actor,
    organizationId: params.org,
  });
  return jsonResponse(verification);
});
