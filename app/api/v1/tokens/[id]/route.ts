import { revokeApiToken } from '@/lib/domains/auth/manage-api-tokens';
import { revokeToken } from '@/lib/adapters/http/operations/tokens';
import { route } from '@/lib/adapters/http/route';

export const runtime = 'nodejs';

export const DELETE = route(revokeToken, async ({ ctx, actor, params }) => {
  await revokeApiToken({ prisma: ctx.prisma, actor, tokenId: params.id });
  return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
});
