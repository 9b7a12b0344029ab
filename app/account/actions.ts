'use server';

import { cookies } from 'next/headers';
import { changePassword, signOutOtherSessions } from '@/lib/domains/auth/own-account';
import { sessionCookieName } from '@/lib/domains/auth/sessions';
import { webContext } from '@/lib/adapters/web/context';
import { attempt, type ActionState } from '@/lib/adapters/web/form-state';
import { requireUser } from '@/lib/adapters/web/session';

export async function changePasswordAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  const currentSessionSecret = (await cookies()).get(sessionCookieName())?.value;
  const result = await attempt(() =>
    changePassword({
      prisma: ctx.prisma,
      actor: user,
      input: { currentPassword: field('currentPassword'), newPassword: field('newPassword'), newPasswordAgain: field('newPasswordAgain') },
      currentSessionSecret,
    }),
  );
  if (!result.ok) return result;
  const ended = result.value.otherSessionsEnded;
  return { ok: true, message: `Password changed${ended > 0 ? `; ${ended} other session(s) signed out` : ''}.` };
}

export async function signOutOthersAction(_previous: ActionState): Promise<ActionState> {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const secret = (await cookies()).get(sessionCookieName())?.value;
  const { ended } = await signOutOtherSessions({ prisma: ctx.prisma, actor: user, currentSessionSecret: secret });
  return { ok: true, message: ended === 0 ? 'No other sessions were open.' : `${ended} other session(s) signed out.` };
}
