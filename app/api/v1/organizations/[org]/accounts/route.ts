import { apiActor, handleApi } from '@/lib/http/api';
import { jsonResponse, readJson } from '@/lib/http/json';
import { createAccount } from '@/lib/ledger/commands/create-account';
import { listAccounts } from '@/lib/ledger/queries/organizations';
import { webContext } from '@/lib/web/context';

export const runtime = 'nodejs';

type Context = { params: Promise<{ org: string }> };

export function GET(request: Request, context: Context): Promise<Response> {
  return handleApi(request, async () => {
    const ctx = webContext();
    const actor = await apiActor(ctx, request);
    const { org } = await context.params;
    return jsonResponse({ accounts: await listAccounts({ prisma: ctx.prisma, actor, organizationId: org }) });
  });
}

export function POST(request: Request, context: Context): Promise<Response> {
  return handleApi(request, async () => {
    const ctx = webContext();
    const actor = await apiActor(ctx, request);
    const { org } = await context.params;
    const account = await createAccount({
      prisma: ctx.prisma,
      actor,
      organizationId: org,
      input: await readJson(request),
      now: ctx.now(),
    });
    return jsonResponse(account, { status: 201 });
  });
}
