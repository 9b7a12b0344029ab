import { issueApiToken } from '@/lib/auth/api-tokens';
import { jsonResponse } from '@/lib/http/json';
import { issueToken } from '@/lib/http/operations/ledger';
import { route } from '@/lib/http/route';

export const runtime = 'nodejs';

export const POST = route(issueToken, async ({ ctx, body }) => {
  const { token, expiresAt } = await issueApiToken({ prisma: ctx.prisma, input: body, now: ctx.now() });
  return jsonResponse({ token, expiresAt: expiresAt.toISOString() }, { status: 201 });
});
