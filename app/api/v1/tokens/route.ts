import { issueApiToken } from '@/lib/domains/auth/api-tokens';
import { jsonResponse } from '@/lib/adapters/http/json';
import { issueToken } from '@/lib/adapters/http/operations/ledger';
import { route } from '@/lib/adapters/http/route';

export const runtime = 'nodejs';

export const POST = route(issueToken, async ({ ctx, body }) => {
  const { token, expiresAt } = await issueApiToken({ prisma: ctx.prisma, input: body, now: ctx.now() });
  return jsonResponse({ token, expiresAt: expiresAt.toISOString() }, { status: 201 });
});
