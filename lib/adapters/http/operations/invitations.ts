// Contracts of /api/v1/organizations/{org}/invitations: invite an e-mail with a role, list
// the pending invitations, revoke one. Admins only (a non-member 404, another role 403).
import { z } from 'zod';
import { invitationInput } from '../../../domains/organizations/invitations/invitation-link';
import { defineOperation } from '../operation';
import { dateTime, idParam, orgParams, roleSchema, uuid } from './schemas';

export const createInvitation = defineOperation({
  method: 'POST',
  path: '/api/v1/organizations/{org}/invitations',
  summary: 'Invite an e-mail address with a role; the answer holds the single-use link',
  description:
    'The link (`url`) works once and expires after INVITATION_TTL_DAYS (default 7) days; only its SHA-256 is stored, ' +
    'so this answer is the only place it appears. When SMTP is configured it is also e-mailed: `mail.status` is `sent`, ' +
    '`failed` (with `error`; the invitation stands) or `not_configured`. Inviting an address that already has a pending ' +
    'invitation replaces it (the old link stops working). Someone who is already a member: 409 `already_member`.',
  auth: 'bearer',
  params: orgParams,
  body: { kind: 'json', schema: invitationInput },
  responses: {
    201: {
      description: 'The invitation and its link',
      json: z.object({
        id: uuid,
        email: z.string(),
        role: roleSchema,
        url: z.string(),
        expiresAt: dateTime,
        mail: z.object({ status: z.enum(['sent', 'failed', 'not_configured']), error: z.string().optional() }),
      }),
    },
  },
  errors: ['not_found', 'forbidden', 'already_member', 'conflict'],
  public: true,
});

export const listInvitations = defineOperation({
  method: 'GET',
  path: '/api/v1/organizations/{org}/invitations',
  summary: 'Pending invitations (not accepted, revoked or expired), the soonest to expire first',
  auth: 'bearer',
  params: orgParams,
  responses: {
    200: {
      description: 'The pending invitations (never their links)',
      json: z.object({
        invitations: z.array(
          z.object({
            id: uuid,
            email: z.string(),
            role: roleSchema,
            invitedBy: z.object({ name: z.string(), email: z.string() }),
            createdAt: dateTime,
            expiresAt: dateTime,
          }),
        ),
      }),
    },
  },
  errors: ['not_found', 'forbidden'],
  public: true,
});

export const revokeInvitation = defineOperation({
  method: 'DELETE',
  path: '/api/v1/organizations/{org}/invitations/{id}',
  summary: 'Revoke a pending invitation; its link then says it was withdrawn',
  auth: 'bearer',
  params: z.object({ org: orgParams.shape.org, id: idParam('Invitation ID (UUID)') }),
  responses: { 204: { description: 'Revoked' } },
  errors: ['not_found', 'forbidden'],
  public: true,
});
