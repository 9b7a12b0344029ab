// One's own account: change the password (current one first), sign out the other sessions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../lib/domains/auth/access';
import { changePassword, signOutOtherSessions } from '../../lib/domains/auth/own-account';
import { sessionActor, signIn } from '../../lib/domains/auth/sessions';
import { verifyCredentials } from '../../lib/domains/auth/users';
import { createTestContext, type TestContext } from '../helpers/context';

const NOW = new Date('2026-11-30T10:00:00Z');
let ctx: TestContext;
let actor: Actor;
let email: string;

const session = async (password: string) =>
  (await signIn({ prisma: ctx.prisma, input: { email, password }, address: null, now: NOW })).secret;
const alive = async (secret: string) => (await sessionActor({ prisma: ctx.prisma, secret, now: NOW })) !== null;

beforeAll(async () => {
  ctx = await createTestContext();
  actor = await ctx.newUser('owner');
  email = (await ctx.prisma.user.findUniqueOrThrow({ where: { id: actor.userId } })).email;
});

afterAll(async () => {
  await ctx.close();
});

describe('changing one’s password', () => {
  it('refuses a wrong current password, a short or mistyped new one, changing nothing', async () => {
    const attempts = [
      { currentPassword: 'wrong password', newPassword: 'a new long password', newPasswordAgain: 'a new long password' },
      { currentPassword: 'correct horse', newPassword: 'short', newPasswordAgain: 'short' },
      { currentPassword: 'correct horse', newPassword: 'a new long password', newPasswordAgain: 'a new long passwort' },
    ];
    const fields = [];
    for (const input of attempts) {
      const error = (await changePassword({ prisma: ctx.prisma, actor, input, currentSessionSecret: undefined }).catch(
        (caught: unknown) => caught,
      )) as {
        code: string;
        fieldErrors: { field: string }[];
      };
      expect(error.code).toBe('validation_failed');
      fields.push(error.fieldErrors.map((fieldError) => fieldError.field));
    }
    expect(fields).toEqual([['currentPassword'], ['newPassword'], ['newPasswordAgain']]);
    await expect(
      verifyCredentials({ prisma: ctx.prisma, input: { email, password: 'correct horse' }, address: null, now: NOW }),
    ).resolves.toBeDefined();
  });

  it('changes it, keeps the session in use and ends the others', async () => {
    const here = await session('correct horse');
    const elsewhere = await session('correct horse');
    const input = { currentPassword: 'correct horse', newPassword: 'a new long password', newPasswordAgain: 'a new long password' };
    expect(await changePassword({ prisma: ctx.prisma, actor, input, currentSessionSecret: here })).toEqual({ otherSessionsEnded: 1 });
    expect([await alive(here), await alive(elsewhere)]).toEqual([true, false]);
    await expect(
      verifyCredentials({ prisma: ctx.prisma, input: { email, password: 'correct horse' }, address: null, now: NOW }),
    ).rejects.toMatchObject({
      code: 'unauthorized',
    });
    await expect(
      verifyCredentials({ prisma: ctx.prisma, input: { email, password: 'a new long password' }, address: null, now: NOW }),
    ).resolves.toMatchObject({ email });
  });
});

describe('signing out the other sessions', () => {
  it('ends every session of the user but the one in use, and nobody else’s', async () => {
    await ctx.prisma.session.deleteMany({ where: { userId: actor.userId } }); // start from none
    const here = await session('a new long password');
    const others = [await session('a new long password'), await session('a new long password')];
    const someoneElse = await ctx.newUser('other');
    const theirEmail = (await ctx.prisma.user.findUniqueOrThrow({ where: { id: someoneElse.userId } })).email;
    const theirs = (await signIn({ prisma: ctx.prisma, input: { email: theirEmail, password: 'correct horse' }, address: null, now: NOW }))
      .secret;
    expect(await signOutOtherSessions({ prisma: ctx.prisma, actor, currentSessionSecret: here })).toEqual({ ended: 2 });
    expect([await alive(here), ...(await Promise.all(others.map(alive))), await alive(theirs)]).toEqual([true, false, false, true]);
  });
});
