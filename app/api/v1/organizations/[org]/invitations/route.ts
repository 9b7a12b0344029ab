import { jsonResponse } from '@/lib/adapters/http/json';
import * as operations from '@/lib/adapters/http/operations/invitations';
import { addressedOrigin } from '@/lib/adapters/http/origin';
import { route } from '@/lib/adapters/http/route';
import { inviteMember } from '@/lib/domains/organizations/invitations/invite-member';
import { listPendingInvitations } from '@/lib/domains/organizations/invitations/manage-invitations';

export const runtime = 'nodejs';

export const POST = route(operations.createInvitation, async ({ ctx, actor, params, body, request }) => {
  const invitation = await inviteMember({
    prisma: ctx.prisma,
    actor,
    organizationId: params.org,
    input: body,
    origin: addressedOrigin(request.headers, request.url),
    mailer: ctx.mailer,
    now: ctx.now(),
  });
  return jsonResponse({ ...invitation, expiresAt: invitation.expiresAt.toISOString() }, { status: 201 });
});

export const GET = route(operations.listInvitations, async ({ ctx, actor, params }) => {
  const invitations = await listPendingInvitations({ prisma: ctx.prisma, actor, organizationId: params.org, now: ctx.now() });
  return jsonResponse({
    invitations: invitations.map((invitation) => ({
      ...invitation,
      createdAt: invitation.createdAt.toISOString(),
      expiresAt: invitation.expiresAt.toISOString(),
    })),
  });
});
