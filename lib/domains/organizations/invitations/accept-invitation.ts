// Opening and accepting an invitation link. The token is the credential: whoever holds it may
// see which organization and role it offers, and accept it once.
//
// Single use holds under concurrency because acceptance claims the row with a conditional
// UPDATE (… WHERE accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now) inside
// the transaction that creates the account and the membership: a second accept waits on the
// row lock, then finds the condition false and gets "already used". A refusal later in that
// transaction (the e-mail has an account after all) rolls the claim back with it.
import type { Actor, Role } from '../../auth/access';
import { newUserInput } from '../../auth/register-user';
import { hashPassword } from '../../auth/passwords';
import { hashSecret } from '../../auth/secrets';
import { startSession } from '../../auth/sessions';
import { AppError } from '../../../errors';
import { isUniqueViolation, TX_OPTIONS, type PrismaClient } from '../../../adapters/db/prisma';
import { parseInput } from '../../../validation';
import { invitationStatus, UNUSABLE_MESSAGES, type InvitationStatus } from './invitation-link';

export const acceptInput = newUserInput.pick({ name: true, password: true });

export type InvitationView =
  | { status: 'unknown' }
  | {
      status: InvitationStatus;
      email: string;
      role: Role;
      organization: { id: string; name: string };
      invitedBy: string;
      expiresAt: Date;
      /** The e-mail already has an account: accepting needs that account signed in. */
      hasAccount: boolean;
    };

/** What the accept page shows for a token (no authentication: the token is the credential). */
export async function lookUpInvitation(options: { prisma: PrismaClient; token: string; now: Date }): Promise<InvitationView> {
  const invitation = await options.prisma.invitation.findUnique({
    where: { tokenHash: hashSecret(options.token) },
    select: {
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      organization: { select: { id: true, name: true } },
      invitedBy: { select: { name: true } },
    },
  });
  if (!invitation) return { status: 'unknown' };
  const account = await options.prisma.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  return {
    status: invitationStatus(invitation, options.now),
    email: invitation.email,
    role: invitation.role,
    organization: invitation.organization,
    invitedBy: invitation.invitedBy.name,
    expiresAt: invitation.expiresAt,
    hasAccount: account !== null,
  };
}

function unusable(view: InvitationView): AppError {
  if (view.status === 'unknown') return new AppError('not_found', UNUSABLE_MESSAGES.unknown);
  if (view.status === 'pending') return new AppError('conflict', 'This invitation cannot be accepted right now');
  return new AppError('conflict', UNUSABLE_MESSAGES[view.status]);
}

export interface AcceptedInvitation {
  organizationId: string;
  userId: string;
  role: Role;
  /** A session for a newly created account (the caller sets the cookie); none for a signed-in actor. */
  session: { secret: string; expiresAt: Date } | null;
}

/**
 * Accepts a pending invitation. Without `actor`: creates the account from `input` (name and
 * password, the rules of register-user) with the invited e-mail, adds the membership and
 * starts a session. With `actor` (signed in): adds the membership to that account, which
 * must be the invited e-mail's.
 */
export async function acceptInvitation(options: {
  prisma: PrismaClient;
  token: string;
  actor: Actor | null;
  input?: unknown;
  now: Date;
}): Promise<AcceptedInvitation> {
  const { prisma, actor, now } = options;
  const view = await lookUpInvitation(options);
  if (view.status !== 'pending') throw unusable(view);
  let joiner: { userId: string } | { name: string; passwordHash: string };
  if (actor) {
    const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { email: true } });
    if (user.email !== view.email) {
      throw new AppError(
        'forbidden',
        `This invitation is for ${view.email}, and you are signed in as ${user.email}. Sign out, then open the link again.`,
      );
    }
    joiner = { userId: actor.userId };
  } else {
    if (view.hasAccount) throw mustSignIn(view.email);
    const input = parseInput(acceptInput, options.input ?? {});
    // Argon2 before the transaction: the claimed row stays locked only for the inserts.
    joiner = { name: input.name, passwordHash: await hashPassword(input.password) };
  }
  const accepted = await prisma
    .$transaction(async (tx) => {
      const claimed = await tx.invitation.updateMany({
        where: { tokenHash: hashSecret(options.token), acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { acceptedAt: now },
      });
      if (claimed.count === 0) return null;
      const invitation = await tx.invitation.findUniqueOrThrow({
        where: { tokenHash: hashSecret(options.token) },
        select: { organizationId: true, email: true, role: true },
      });
      const userId =
        'userId' in joiner
          ? joiner.userId
          : (await tx.user.create({ data: { email: invitation.email, ...joiner }, select: { id: true } })).id;
      // Already a member (added directly meanwhile): the invitation is spent, the role kept.
      await tx.membership.createMany({
        data: [{ organizationId: invitation.organizationId, userId, role: invitation.role, createdAt: now }],
        skipDuplicates: true,
      });
      return { organizationId: invitation.organizationId, userId, role: invitation.role };
    }, TX_OPTIONS)
    .catch((error: unknown) => {
      // The account was created (by a sign-up elsewhere) between the look-up and the insert.
      if (isUniqueViolation(error)) throw mustSignIn(view.email);
      throw error;
    });
  if (!accepted) throw unusable(await lookUpInvitation(options));
  const session = actor ? null : await startSession({ prisma, userId: accepted.userId, now });
  return { ...accepted, session };
}

function mustSignIn(email: string): AppError {
  return new AppError('conflict', `An account with ${email} exists: sign in to accept the invitation`);
}
