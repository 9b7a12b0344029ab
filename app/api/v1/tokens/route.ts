import { issueToken, listApiTokens } from '@/lib/domains/auth/manage-api-tokens';
import { CLIENT_ADDRESS_HEADER } from '@/lib/adapters/http/client-address';
import { jsonResponse } from '@/lib/adapters/http/json';
import { issueToken as issueTokenContract, listTokens } from '@/lib/adapters/http/operations/tokens';
import { route } from '@/lib/adapters/http/route';

export const runtime = 'nodejs';

export const POST = route(issueTokenContract, async ({ ctx, body, request }) => {
  const issued = await issueToken({
    prisma: ctx.prisma,
    input: body,
    authorization: request.headers.get('authorization'),
    address: request.headers.get(CLIENT_ADDRESS_HEADER),
    now: ctx.now(),
  });
  return jsonResponse(
    {
      id: issued.id,
      name: issued.name,
      token: issued.token,
      createdAt: issued.createdAt.toISOString(),
      expiresAt: issued.expiresAt.toISOString(),
    },
    { status: 201 },
  );
});

export const GET = route(listTokens, async ({ ctx, actor }) => {
  const tokens = await listApiTokens({ prisma: ctx.prisma, actor, now: ctx.now() });
  return jsonResponse({
    tokens: tokens.map((token) => ({
      id: token.id,
      name: token.name,
      createdAt: token.createdAt.toISOString(),
      lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
      expiresAt: token.expiresAt.toISOString(),
      current: token.current,
    })),
  });
});
