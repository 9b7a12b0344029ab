// An organization always keeps an admin, also when two admins demote or remove each other
// (or step down) at the same moment: each would see the other as "another admin" in its own
// snapshot and both commit, unless the admins are locked (lib/organizations/members.ts,
// lockAdmins). Every race runs ROUNDS times, both calls started together.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../lib/domains/auth/access';
import { isAppError } from '../../lib/errors';
import { createOrganization } from '../../lib/domains/ledger/commands/create-organization';
import { addMember, changeMemberRole, removeMember } from '../../lib/domains/organizations/members';
import { createTestContext, type TestContext } from '../helpers/context';

const ROUNDS = 30;
let ctx: TestContext;
let first: Actor;
let second: Actor;
let secondEmail: string;

beforeAll(async () => {
  ctx = await createTestContext();
  first = await ctx.newUser('first');
  second = await ctx.newUser('second');
  secondEmail = (await ctx.prisma.user.findUniqueOrThrow({ where: { id: second.userId } })).email;
});

afterAll(async () => {
  await ctx.close();
});

/** A fresh organization with exactly two admins. */
async function twoAdmins(round: number): Promise<string> {
  const now = new Date();
  const { id } = await createOrganization({ prisma: ctx.prisma, actor: first, input: { name: `Race ${round}`, baseCurrency: 'EUR' }, now });
  await addMember({ prisma: ctx.prisma, actor: first, organizationId: id, input: { email: secondEmail, role: 'admin' }, now });
  return id;
}

type Change = (organizationId: string, actor: Actor, target: Actor) => Promise<void>;
const demote: Change = (organizationId, actor, target) =>
  changeMemberRole({ prisma: ctx.prisma, actor, organizationId, userId: target.userId, role: 'viewer' });
const remove: Change = (organizationId, actor, target) =>
  removeMember({ prisma: ctx.prisma, actor, organizationId, userId: target.userId });

const RACES: [string, Change, Change, 'each other' | 'themselves'][] = [
  ['demote each other', demote, demote, 'each other'],
  ['remove each other', remove, remove, 'each other'],
  ['one demotes, the other removes', demote, remove, 'each other'],
  ['both step down', demote, demote, 'themselves'],
  ['both leave', remove, remove, 'themselves'],
];

describe('two admins at the same moment', () => {
  it.each(RACES)(
    '%s: one wins, the other is refused, one admin is left',
    async (_name, firstChange, secondChange, whom) => {
      for (let round = 0; round < ROUNDS; round += 1) {
        const organizationId = await twoAdmins(round);
        const [firstTarget, secondTarget] = whom === 'each other' ? [second, first] : [first, second];
        const outcomes = await Promise.allSettled([
          firstChange(organizationId, first, firstTarget),
          secondChange(organizationId, second, secondTarget),
        ]);
        const admins = await ctx.prisma.membership.count({ where: { organizationId, role: 'admin' } });
        expect(admins, `round ${round}`).toBe(1);
        expect(
          outcomes.filter((outcome) => outcome.status === 'fulfilled'),
          `round ${round}`,
        ).toHaveLength(1);
        const refusal = outcomes.find((outcome) => outcome.status === 'rejected')?.reason as unknown;
        // Refused as the rules say: a demoted admin no longer manages members (403), a removed one
        // sees no organization (404), and the last admin cannot go (409) — never a crash.
        expect(isAppError(refusal) && ['forbidden', 'not_found', 'conflict'].includes(refusal.code), String(refusal)).toBe(true);
      }
    },
    120_000,
  );
});
