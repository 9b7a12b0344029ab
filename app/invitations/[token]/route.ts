// The link in an invitation: keep its token in an HTTP-only cookie and go on to /join,
// whose URL holds no secret (lib/adapters/web/invitation-cookie.ts says why). This response
// itself is sent with Referrer-Policy: no-referrer (lib/adapters/http/security-headers.cjs).
import { NextResponse } from 'next/server';
import { invitationCookieName, invitationCookieOptions } from '@/lib/adapters/web/invitation-cookie';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(_request: Request, context: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await context.params;
  const response = new NextResponse(null, { status: 303, headers: { location: '/join', 'cache-control': 'no-store' } });
  // A token is base64url with a prefix; anything longer is not one of ours (a cookie has a size limit).
  if (/^[\w-]{1,200}$/.test(token)) response.cookies.set(invitationCookieName(), token, invitationCookieOptions());
  return response;
}
