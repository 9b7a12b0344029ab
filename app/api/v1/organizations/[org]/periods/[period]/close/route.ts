import { apiActor, handleApi } from '@/lib/http/api';
import { jsonResponse } from '@/lib/http/json';
import { closePeriod } from '@/lib/ledger/commands/close-period';
import { webContext } from '@/lib/web/context';

export const runtime = 'nodejs';

export function POST(request: Request, context: { params: Promise<{ org: string; period: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const ctx = webContext();
    const actor = await apiActor(ctx, request);
    const { org, period } = await context.params;
    return jsonResponse(await closePeriod({ prisma: ctx.prisma, actor, organizationId: org, period, now: ctx.now() }));
  });
}
