import { getPrisma } from '@/lib/db/prisma';
import { apiActor, handleApi } from '@/lib/http/api';
import { jsonResponse } from '@/lib/http/json';
import { closePeriod } from '@/lib/ledger/commands/close-period';

export const runtime = 'nodejs';

export function POST(request: Request, context: { params: Promise<{ org: string; period: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const actor = await apiActor(request);
    const { org, period } = await context.params;
    return jsonResponse(await closePeriod({ prisma: getPrisma(), actor, organizationId: org, period, now: new Date() }));
  });
}
