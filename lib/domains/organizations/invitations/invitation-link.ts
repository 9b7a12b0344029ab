// What an invitation is made of, shared by its use cases: the input, the link's token (only
// its SHA-256 is stored), and the states a link can be in.
import { z } from 'zod';
import { hashSecret, newSecret } from '../../auth/secrets';
import type { Role } from '../../auth/access';

export const ROLES = ['admin', 'accountant', 'viewer'] as const;

export const invitationInput = z.object({
  // Normalised as users' e-mails are (register-user.ts), so acceptance finds the account by equality.
  email: z.string().trim().toLowerCase().email('Enter an e-mail address').max(320),
  role: z.enum(ROLES),
});

/** The path of the accept page; the token is the whole secret. */
export const INVITATION_PATH = '/invitations';

export function newInvitationToken(): { token: string; tokenHash: string } {
  const token = newSecret('cbi');
  return { token, tokenHash: hashSecret(token) };
}

export function invitationUrl(origin: string, token: string): string {
  return `${origin.replace(/\/+$/, '')}${INVITATION_PATH}/${encodeURIComponent(token)}`;
}

/** Where a link stands. Only `pending` can be accepted. */
export type InvitationStatus = 'pending' | 'expired' | 'accepted' | 'revoked';

export function invitationStatus(row: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): InvitationStatus {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  return row.expiresAt <= now ? 'expired' : 'pending';
}

/** The readable answer for a link that cannot be accepted (unknown = never issued, or cleaned up). */
export const UNUSABLE_MESSAGES: Record<Exclude<InvitationStatus, 'pending'> | 'unknown', string> = {
  expired: 'This invitation has expired. Ask the organization’s admin for a new one.',
  accepted: 'This invitation has already been used. Sign in with the account that accepted it.',
  revoked: 'This invitation was withdrawn (or replaced by a newer one). Ask the organization’s admin for a new link.',
  unknown: 'This invitation link is not valid. Check that you copied the whole link, or ask for a new one.',
};

export interface PendingInvitation {
  id: string;
  email: string;
  role: Role;
  invitedBy: { name: string; email: string };
  createdAt: Date;
  expiresAt: Date;
}
