// The daily access clean-up (worker task `access-cleanup`, lib/auth/clean-up-expired.ts):
// expired sessions and API tokens, spent invitations (expired, accepted, revoked) and
// sign-in attempts older than the throttle's window are deleted; everything still in force stays. Run here as the worker runs it: a queued
// job handled by the real task list.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../lib/domains/auth/access';
import { ACCESS_CLEANUP_TASK } from '../../lib/domains/auth/clean-up-expired';
import { SIGN_IN_LIMITS } from '../../lib/domains/auth/sign-in-throttle';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
let user: Actor;

beforeAll(async () => {
  ctx = await createTestContext();
  user = await ctx.newUser();
});

afterAll(async () => {
  await ctx.close();
});

it('deletes expired sessions and tokens, spent invitations and stale sign-in attempts, and nothing else', async () => {
  const now = Date.now();
  const ago = (ms: number) => new Date(now - ms);
  const { userId } = user;
  for (const [hash, expiresAt] of [
    ['expired', ago(1_000)],
    ['live', new Date(now + 3_600_000)],
  ] as const) {
    await ctx.prisma.session.create({ data: { userId, tokenHash: `session-${hash}`, createdAt: ago(86_400_000), expiresAt } });
    await ctx.prisma.apiToken.create({ data: { userId, tokenHash: `token-${hash}`, createdAt: ago(86_400_000), expiresAt } });
  }
  const organization = await ctx.prisma.organization.create({ data: { name: 'Cleanup Ltd', baseCurrency: 'EUR' } });
  const invitation = (tokenHash: string, fields: { expiresAt?: Date; acceptedAt?: Date; revokedAt?: Date }) => ({
    organizationId: organization.id,
    email: `${tokenHash}@example.test`,
    role: 'viewer' as const,
    tokenHash,
    invitedById: userId,
    createdAt: ago(86_400_000),
    expiresAt: new Date(now + 3_600_000),
    ...fields,
  });
  await ctx.prisma.invitation.createMany({
    data: [
      invitation('expired', { expiresAt: ago(1_000) }),
      invitation('accepted', { acceptedAt: ago(1_000) }),
      invitation('revoked', { revokedAt: ago(1_000) }),
      invitation('pending', {}),
    ],
  });
  await ctx.prisma.signInAttempt.createMany({
    data: [
      { email: 'a@example.test', address: '192.0.2.1', attemptedAt: ago(SIGN_IN_LIMITS.windowMs + 60_000) },
      { email: 'a@example.test', address: '192.0.2.1', attemptedAt: ago(60_000) },
    ],
  });

  await ctx.pool.query('SELECT graphile_worker.add_job($1)', [ACCESS_CLEANUP_TASK]);
  await ctx.drainJobs();

  expect((await ctx.prisma.session.findMany({ select: { tokenHash: true } })).map((row) => row.tokenHash)).toEqual(['session-live']);
  expect((await ctx.prisma.apiToken.findMany({ select: { tokenHash: true } })).map((row) => row.tokenHash)).toEqual(['token-live']);
  expect((await ctx.prisma.invitation.findMany({ select: { tokenHash: true } })).map((row) => row.tokenHash)).toEqual(['pending']);
  const attempts = await ctx.prisma.signInAttempt.findMany({ select: { attemptedAt: true } });
  expect(attempts.map((row) => row.attemptedAt)).toEqual([ago(60_000)]);
  const failed = await ctx.pool.query('SELECT count(*)::int AS n FROM graphile_worker._private_jobs');
  expect(failed.rows[0]).toEqual({ n: 0 });
});
