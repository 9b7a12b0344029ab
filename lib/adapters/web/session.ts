// The browser side's authentication: the session cookie → the acting user. Pages and
// server actions call these; the lib/ commands then enforce roles as for the API.
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { sessionActor, sessionCookieName } from '../../domains/auth/sessions';
import type { AppContext } from '../../context';

export type SessionUser = NonNullable<Awaited<ReturnType<typeof sessionActor>>>;

export async function currentUser(context: AppContext): Promise<SessionUser | null> {
  const secret = (await cookies()).get(sessionCookieName())?.value;
  return sessionActor({ prisma: context.prisma, secret, now: context.now() });
}

export async function requireUser(context: AppContext): Promise<SessionUser> {
  const user = await currentUser(context);
  if (!user) redirect('/login');
  return user;
}
