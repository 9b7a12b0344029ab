import { getPrisma } from '@/lib/db/prisma';
import { issueApiToken } from '@/lib/auth/api-tokens';
import { handleApi } from '@/lib/http/api';
import { jsonResponse, readJson } from '@/lib/http/json';

export const runtime = 'nodejs';

export function POST(request: Request): Promise<Response> {
  return handleApi(request, async () => {
    const { token, expiresAt } = await issueApiToken({ prisma: getPrisma(), input: await readJson(request), now: new Date() });
    return jsonResponse({ token, expiresAt: expiresAt.toISOString() }, { status: 201 });
  });
}
