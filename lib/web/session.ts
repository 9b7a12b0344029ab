// The browser side's authentication: the session cookie → the acting user. Pages and
// server actions call these; the lib/ commands then enforce roles as for the API.
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { SESSION_COOKIE, sessionActor } from '../auth/sessions';
import type { AppContext } from '../context';
import { AppError } from '../errors';

export type SessionUser = NonNullable<Awaited<ReturnType<typeof sessionActor>>>;

export async function currentUser(context: AppContext): Promise<SessionUser | null> {
  const secret = (await cookies()).get(SESSION_COOKIE)?.value;
  return sessionActor({ prisma: context.prisma, secret, now: context.now() });
}

export async function requireUser(context: AppContext): Promise<SessionUser> {
  const user = await currentUser(context);
  if (!user) redirect('/login');
  return user;
}

/** For route handlers (downloads, polling): no session → 401 problem+json, not a redirect. */
export async function sessionActor401(context: AppContext, message = 'Sign in first'): Promise<SessionUser> {
  const user = await currentUser(context);
  if (!user) throw new AppError('unauthorized', message);
  return user;
}
