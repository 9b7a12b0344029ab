import { roleAllows } from '@/lib/domains/auth/access';
import { getOrganization } from '@/lib/domains/ledger/queries/organizations';
import { listMembers } from '@/lib/domains/organizations/members';
import { listPendingInvitations } from '@/lib/domains/organizations/invitations/manage-invitations';
import { requireUser } from '@/lib/adapters/web/session';
import { AddMemberForm, MemberActions } from './member-forms';
import { InviteForm, RevokeInvitationButton } from './invitation-forms';
import { webContext } from '@/lib/adapters/web/context';

export const dynamic = 'force-dynamic';

export default async function MembersPage(props: { params: Promise<{ orgId: string }> }) {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const { orgId } = await props.params;
  const prisma = ctx.prisma;
  const [members, organization] = await Promise.all([
    listMembers({ prisma, actor: user, organizationId: orgId }),
    getOrganization({ prisma, actor: user, organizationId: orgId }),
  ]);
  const isAdmin = roleAllows(organization.role, 'manage-members');
  const invitations = isAdmin ? await listPendingInvitations({ prisma, actor: user, organizationId: orgId, now: ctx.now() }) : [];
  return (
    <>
      <h1>Members</h1>
      <p className="muted">Admins manage members and close periods; accountants post, reverse and import; viewers read and download.</p>
      {isAdmin && (
        <section className="panel" aria-labelledby="invite-heading">
          <h2 id="invite-heading">Invite someone</h2>
          <p className="muted">
            They get a link that works once and expires; it creates their account, or adds this organization to the one they have.
          </p>
          <InviteForm organizationId={orgId} />
        </section>
      )}
      {isAdmin && (
        <section className="panel" aria-labelledby="add-member-heading">
          <h2 id="add-member-heading">Add a member</h2>
          <AddMemberForm organizationId={orgId} />
        </section>
      )}
      <section className="panel">
        <table aria-label="Members">
          <thead>
            <tr>
              <th>Name</th>
              <th>E-mail</th>
              <th>Role</th>
              <th>Member since</th>
              {isAdmin && <th />}
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <tr key={member.id}>
                <td>{member.name}</td>
                <td>{member.email}</td>
                <td>{member.role}</td>
                <td>{member.since.slice(0, 10)}</td>
                {isAdmin && (
                  <td>
                    <MemberActions organizationId={orgId} userId={member.id} email={member.email} role={member.role} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {isAdmin && (
        <section className="panel" aria-labelledby="pending-heading">
          <h2 id="pending-heading">Pending invitations</h2>
          {invitations.length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <table aria-label="Pending invitations">
              <thead>
                <tr>
                  <th>E-mail</th>
                  <th>Role</th>
                  <th>Invited by</th>
                  <th>Expires</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {invitations.map((invitation) => (
                  <tr key={invitation.id}>
                    <td>{invitation.email}</td>
                    <td>{invitation.role}</td>
                    <td>{invitation.invitedBy.name}</td>
                    <td>{invitation.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC</td>
                    <td>
                      <RevokeInvitationButton organizationId={orgId} invitationId={invitation.id} email={invitation.email} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </>
  );
}
