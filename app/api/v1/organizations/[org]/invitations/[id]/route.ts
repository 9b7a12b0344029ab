import * as operations from '@/lib/adapters/http/operations/invitations';
import { route } from '@/lib/adapters/http/route';
import { revokeInvitation } from '@/lib/domains/organizations/invitations/manage-invitations';

export const runtime = 'nodejs';

export const DELETE = route(operations.revokeInvitation, async ({ ctx, actor, params }) => {
  await revokeInvitation({ prisma: ctx.prisma, actor, organizationId: params.org, invitationId: params.id, now: ctx.now() });
  return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
});
