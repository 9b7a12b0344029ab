import { issueApiToken } from '@/lib/auth/api-tokens';
import { handleApi } from '@/lib/http/api';
import { jsonResponse, readJson } from '@/lib/http/json';
import { webContext } from '@/lib/web/context';

export const runtime = 'nodejs';

export function POST(request: Request): Promise<Response> {
  return handleApi(request, async () => {
    const ctx = webContext();
    const { token, expiresAt } = await issueApiToken({ prisma: ctx.prisma, input: await readJson(request), now: ctx.now() });
    return jsonResponse({ token, expiresAt: expiresAt.toISOString() }, { status: 201 });
  });
}
