'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { sessionCookieName, sessionCookieOptions, signIn, signOut } from '@/lib/domains/auth/sessions';
import { isAppError } from '@/lib/errors';
import { CLIENT_ADDRESS_HEADER } from '@/lib/adapters/http/client-address';
import { safeReturnPath } from '@/lib/adapters/web/return-path';
import { webContext } from '@/lib/adapters/web/context';

export interface SignInState {
  error?: string;
  email?: string;
}

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  const input = { email: field('email'), password: field('password') };
  const ctx = webContext();
  try {
    // Throttled per e-mail and per client address; a 429 comes back as the form's message.
    const address = (await headers()).get(CLIENT_ADDRESS_HEADER);
    const session = await signIn({ prisma: ctx.prisma, input, address, now: ctx.now() });
    (await cookies()).set(sessionCookieName(), session.secret, sessionCookieOptions(session.expiresAt));
  } catch (error) {
    if (isAppError(error)) return { error: error.message, email: input.email };
    throw error;
  }
  redirect(safeReturnPath(form.get('next')));
}

export async function signOutAction(): Promise<void> {
  const jar = await cookies();
  await signOut({ prisma: webContext().prisma, secret: jar.get(sessionCookieName())?.value });
  jar.set(sessionCookieName(), '', sessionCookieOptions(new Date(0)));
  redirect('/login');
}
