// The browser side's authentication: the session cookie → the acting user. Pages and
// server actions call these; the lib/ commands then enforce roles as for the API.
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { SESSION_COOKIE, sessionActor } from '../auth/sessions';
import { getPrisma } from '../db/prisma';
import { AppError } from '../errors';

export type SessionUser = NonNullable<Awaited<ReturnType<typeof sessionActor>>>;

export async function currentUser(): Promise<SessionUser | null> {
  const secret = (await cookies()).get(SESSION_COOKIE)?.value;
  return sessionActor({ prisma: getPrisma(), secret, now: new Date() });
}

export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect('/login');
  return user;
}

/** For route handlers (downloads, polling): no session → 401 problem+json, not a redirect. */
export async function sessionActor401(message = 'Sign in first'): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new AppError('unauthorized', message);
  return user;
}
