// An admin invites an e-mail address into the organization with a role. The invitation is
// committed first and the mail sent afterwards: a mail server that is down or refuses the
// message costs the e-mail, never the invitation — the link is returned either way, with
// what became of the mail.
import { requirePermission, type Actor, type Role } from '../../auth/access';
import { AppError } from '../../../errors';
import { invitationTtlDays } from '../../../config';
import { isUniqueViolation, TX_OPTIONS, type PrismaClient } from '../../../adapters/db/prisma';
import { parseInput } from '../../../validation';
import { invitationInput, invitationUrl, newInvitationToken } from './invitation-link';

const DAY_MS = 86_400_000;

/** The port for outgoing mail (lib/adapters/mail/mailer.ts implements it). */
export interface InvitationMailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

/** `sent`; `not_configured` (no SMTP_URL: pass the link on yourself); `failed` with the reason. */
export type MailOutcome = { status: 'sent' } | { status: 'not_configured' } | { status: 'failed'; error: string };

export interface CreatedInvitation {
  id: string;
  email: string;
  role: Role;
  /** The link with its token: shown once, never stored. */
  url: string;
  expiresAt: Date;
  mail: MailOutcome;
}

/**
 * Invites `input.email` with `input.role`. Someone who is already a member: 409
 * `already_member`. A pending invitation for the same address is replaced: revoked in the
 * same transaction, so its link stops working and only the newest one does.
 */
export async function inviteMember(options: {
  prisma: PrismaClient;
  actor: Actor;
  organizationId: string;
  input: unknown;
  /** The app's public origin (scheme, host, port) the link points at. */
  origin: string;
  mailer: InvitationMailer | null;
  now: Date;
  ttlDays?: number;
}): Promise<CreatedInvitation> {
  const { prisma, actor, organizationId, now } = options;
  await requirePermission(prisma, actor, organizationId, 'manage-members');
  const input = parseInput(invitationInput, options.input);
  const member = await prisma.membership.findFirst({ where: { organizationId, user: { email: input.email } }, select: { role: true } });
  if (member) {
    throw new AppError('already_member', 'This person is already a member', [
      { field: 'email', message: `Already a member (${member.role})` },
    ]);
  }
  const { token, tokenHash } = newInvitationToken();
  const expiresAt = new Date(now.getTime() + (options.ttlDays ?? invitationTtlDays()) * DAY_MS);
  const created = await prisma
    .$transaction(async (tx) => {
      await tx.invitation.updateMany({
        where: { organizationId, email: input.email, acceptedAt: null, revokedAt: null },
        data: { revokedAt: now },
      });
      return tx.invitation.create({
        data: { organizationId, email: input.email, role: input.role, tokenHash, invitedById: actor.userId, createdAt: now, expiresAt },
        select: { id: true },
      });
    }, TX_OPTIONS)
    .catch((error: unknown) => {
      // Another admin invited the same address at this very moment (one pending per address).
      if (isUniqueViolation(error))
        throw new AppError('conflict', 'This address was invited at the same moment; look at the pending invitations');
      throw error;
    });
  const url = invitationUrl(options.origin, token);
  const mail = await sendInvitationMail({
    prisma,
    mailer: options.mailer,
    organizationId,
    actor,
    email: input.email,
    role: input.role,
    url,
    expiresAt,
  });
  return { id: created.id, email: input.email, role: input.role, url, expiresAt, mail };
}

async function sendInvitationMail(options: {
  prisma: PrismaClient;
  mailer: InvitationMailer | null;
  organizationId: string;
  actor: Actor;
  email: string;
  role: Role;
  url: string;
  expiresAt: Date;
}): Promise<MailOutcome> {
  if (!options.mailer) return { status: 'not_configured' };
  const [organization, inviter] = await Promise.all([
    options.prisma.organization.findUniqueOrThrow({ where: { id: options.organizationId }, select: { name: true } }),
    options.prisma.user.findUniqueOrThrow({ where: { id: options.actor.userId }, select: { name: true } }),
  ]);
  try {
    await options.mailer.send({
      to: options.email,
      subject: `${inviter.name} invites you to ${organization.name} on Closebook`,
      text: [
        `${inviter.name} invites you to join ${organization.name} on Closebook as ${options.role}.`,
        '',
        'Open this link to accept (it works once):',
        options.url,
        '',
        `The link expires on ${options.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
      ].join('\n'),
    });
    return { status: 'sent' };
  } catch (error) {
    // The invitation stands; the admin sees why the mail did not go and passes the link on.
    const reason = error instanceof Error ? error.message : String(error);
    console.error('[mail] invitation mail failed:', reason);
    return { status: 'failed', error: reason.slice(0, 300) };
  }
}
