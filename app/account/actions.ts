'use server';

import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { createNamedApiToken, revokeApiToken } from '@/lib/domains/auth/manage-api-tokens';
import { changePassword, signOutOtherSessions } from '@/lib/domains/auth/own-account';
import { sessionCookieName } from '@/lib/domains/auth/sessions';
import { isAppError } from '@/lib/errors';
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

export async function createTokenAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const name = form.get('name');
  const days = form.get('expiresInDays');
  const input = {
    name: typeof name === 'string' ? name : '',
    expiresInDays: typeof days === 'string' && days.trim() ? Number(days) : undefined,
  };
  const result = await attempt(() => createNamedApiToken({ prisma: ctx.prisma, actor: user, input, now: ctx.now() }));
  if (!result.ok) return { ...result, values: { name: input.name, expiresInDays: typeof days === 'string' ? days : '' } };
  revalidatePath('/account');
  // The secret is shown once, here; only its hash is stored.
  return { ok: true, message: `Token "${input.name}" created. Copy it now; it is not shown again.`, values: { token: result.value.token } };
}

export async function revokeTokenAction(tokenId: string): Promise<void> {
  const ctx = webContext();
  const user = await requireUser(ctx);
  try {
    await revokeApiToken({ prisma: ctx.prisma, actor: user, tokenId });
  } catch (error) {
    // Revoked already (another tab): what was asked for holds.
    if (!(isAppError(error) && error.code === 'not_found')) throw error;
  }
  revalidatePath('/account');
}
