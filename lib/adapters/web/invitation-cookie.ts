// An invitation link (/invitations/{token}) is opened once: its route puts the token in this
// HTTP-only cookie and redirects to /join, a page whose URL holds no secret. So the token
// never stays in the address bar or history, never reaches a Referer or the sign-in page's
// `next`, and the accept form can post with the ordinary Referrer-Policy (under
// `no-referrer` a browser sends `Origin: null` on POST, which Next.js rejects as CSRF).
import { cookies } from 'next/headers';
import { secureCookies } from '../../config';

/** Long enough to create an account or sign in first; the invitation's own expiry still rules. */
const MAX_AGE_SECONDS = 3600;

export function invitationCookieName(secure = secureCookies()): string {
  return secure ? '__Host-closebook_invitation' : 'closebook_invitation';
}

export function invitationCookieOptions(maxAgeSeconds = MAX_AGE_SECONDS) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: secureCookies(), path: '/', maxAge: maxAgeSeconds };
}

/** The token of the invitation link this browser opened last, if any. */
export async function openedInvitationToken(): Promise<string | undefined> {
  return (await cookies()).get(invitationCookieName())?.value;
}

export async function forgetOpenedInvitation(): Promise<void> {
  (await cookies()).set(invitationCookieName(), '', invitationCookieOptions(0));
}
