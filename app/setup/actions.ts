'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { sessionCookieName, sessionCookieOptions, signIn } from '@/lib/domains/auth/sessions';
import { setUpFirstAdmin } from '@/lib/domains/organizations/setup-first-admin';
import { AppError } from '@/lib/errors';
import { CLIENT_ADDRESS_HEADER } from '@/lib/adapters/http/client-address';
import { refusedState, type ActionState } from '@/lib/adapters/web/form-state';
import { webContext } from '@/lib/adapters/web/context';

export async function setUpAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  const values = {
    name: field('name'),
    email: field('email'),
    organizationName: field('organizationName'),
    baseCurrency: field('baseCurrency'),
  };
  const ctx = webContext();
  let organizationId: string;
  try {
    if (field('password') !== field('passwordAgain')) {
      throw new AppError('validation_failed', 'The passwords do not match', [
        { field: 'passwordAgain', message: 'Type the same password twice' },
      ]);
    }
    ({ organizationId } = await setUpFirstAdmin({
      prisma: ctx.prisma,
      input: {
        user: { name: values.name, email: values.email, password: field('password') },
        organization: { name: values.organizationName, baseCurrency: values.baseCurrency.toUpperCase() },
      },
      now: ctx.now(),
    }));
    const address = (await headers()).get(CLIENT_ADDRESS_HEADER);
    const session = await signIn({
      prisma: ctx.prisma,
      input: { email: values.email, password: field('password') },
      address,
      now: ctx.now(),
    });
    (await cookies()).set(sessionCookieName(), session.secret, sessionCookieOptions(session.expiresAt));
  } catch (error) {
    return { ...refusedState(error), values };
  }
  redirect(`/orgs/${organizationId}`);
}
