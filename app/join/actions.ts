'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { sessionCookieName, sessionCookieOptions } from '@/lib/domains/auth/sessions';
import { acceptInvitation } from '@/lib/domains/organizations/invitations/accept-invitation';
import { refusedState, type ActionState } from '@/lib/adapters/web/form-state';
import { forgetOpenedInvitation, openedInvitationToken } from '@/lib/adapters/web/invitation-cookie';
import { currentUser } from '@/lib/adapters/web/session';
import { webContext } from '@/lib/adapters/web/context';

/** Accepts the opened invitation as the signed-in user, or creates the account from the form and signs it in. */
export async function acceptInvitationAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  const ctx = webContext();
  let organizationId: string;
  try {
    const actor = await currentUser(ctx);
    const token = (await openedInvitationToken()) ?? '';
    const input = { name: field('name'), password: field('password') };
    const accepted = await acceptInvitation({ prisma: ctx.prisma, token, actor, input, now: ctx.now() });
    if (accepted.session) {
      (await cookies()).set(sessionCookieName(), accepted.session.secret, sessionCookieOptions(accepted.session.expiresAt));
    }
    await forgetOpenedInvitation();
    organizationId = accepted.organizationId;
  } catch (error) {
    return { ...refusedState(error), values: { name: field('name') } };
  }
  redirect(`/orgs/${organizationId}`);
}
