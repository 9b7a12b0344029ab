'use server';

// The browser's commands: each is the same lib/ call the JSON API makes, with the session
// user as the actor. Domain errors come back as data so forms can show them next to the
// field they concern; anything else is a bug and propagates.
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { isAppError, type FieldError } from '@/lib/errors';
import { closePeriod } from '@/lib/domains/ledger/commands/close-period';
import { closePeriodsThrough } from '@/lib/domains/ledger/commands/close-periods-through';
import { createAccount } from '@/lib/domains/ledger/commands/create-account';
import { postJournalEntry } from '@/lib/domains/ledger/commands/post-journal-entry';
import { reopenPeriod } from '@/lib/domains/ledger/commands/reopen-period';
import { reverseJournalEntry } from '@/lib/domains/ledger/commands/reverse-journal-entry';
import { deleteAccount, updateAccount } from '@/lib/domains/ledger/commands/update-account';
import { addMember, changeMemberRole, removeMember } from '@/lib/domains/organizations/members';
import { inviteMember } from '@/lib/domains/organizations/invitations/invite-member';
import { revokeInvitation } from '@/lib/domains/organizations/invitations/manage-invitations';
import { addressedOrigin } from '@/lib/adapters/http/origin';
import { updateReportSettings } from '@/lib/domains/organizations/report-settings';
import { attempt as attemptCommand, type ActionState } from '@/lib/adapters/web/form-state';
import { requireUser } from '@/lib/adapters/web/session';
import { webContext } from '@/lib/adapters/web/context';

export type { ActionState };
export type PostEntryResult =
  { ok: true; id: string; sequence: number } | { ok: false; code: string; message: string; fieldErrors: FieldError[] };

/** A form's command: `{ ok: true }` or the refusal (lib/adapters/web/form-state.ts). */
async function attempt(work: () => Promise<unknown>): Promise<ActionState> {
  const result = await attemptCommand(work);
  return result.ok ? { ok: true } : result;
}

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/** The browser's way to post: the same command and rules as POST /api/v1/…/journal-entries. */
export async function postEntryAction(organizationId: string, input: unknown, idempotencyKey: string): Promise<PostEntryResult> {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const result = await attemptCommand(() =>
    postJournalEntry({
      prisma: ctx.prisma,
      submit: ctx.postings.submit,
      actor: user,
      organizationId,
      input,
      idempotencyKey,
      now: ctx.now(),
    }),
  );
  return result.ok ? { ok: true, id: result.value.id, sequence: Number(result.value.sequence) } : result;
}

export async function createAccountAction(organizationId: string, _state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const input = { code: text(form, 'code'), name: text(form, 'name'), type: text(form, 'type'), subtype: text(form, 'subtype') };
  // No sub-type chosen: the type's default (createAccount decides it).
  const command = { ...input, subtype: input.subtype || undefined };
  const result = await attempt(() => createAccount({ prisma: ctx.prisma, actor: user, organizationId, input: command, now: ctx.now() }));
  if (result.ok) revalidatePath(`/orgs/${organizationId}/accounts`);
  return result.ok ? result : { ...result, values: input };
}

export async function updateAccountAction(
  organizationId: string,
  accountId: string,
  _state: ActionState,
  form: FormData,
): Promise<ActionState> {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const action = text(form, 'action');
  const now = ctx.now();
  const result = await attempt(() =>
    action === 'delete'
      ? deleteAccount({ prisma: ctx.prisma, actor: user, organizationId, accountId, now })
      : updateAccount({
          prisma: ctx.prisma,
          actor: user,
          organizationId,
          accountId,
          input: action === 'set-subtype' ? { action, subtype: text(form, 'subtype') } : { action, name: text(form, 'name') },
          now,
        }),
  );
  if (result.ok) revalidatePath(`/orgs/${organizationId}/accounts`);
  return result;
}

export async function reverseEntryAction(
  organizationId: string,
  entryId: string,
  _state: ActionState,
  form: FormData,
): Promise<ActionState> {
  const ctx = webContext();
  const user = await requireUser(ctx);
  let reversalId = '';
  const result = await attempt(async () => {
    reversalId = (
      await reverseJournalEntry({
        prisma: ctx.prisma,
        actor: user,
        organizationId,
        entryId,
        input: { date: text(form, 'date') },
        now: ctx.now(),
      })
    ).id;
  });
  if (result.ok) redirect(`/orgs/${organizationId}/entries/${reversalId}?posted=1`);
  return result;
}

export async function changePeriodAction(
  organizationId: string,
  period: string,
  _state: ActionState,
  form: FormData,
): Promise<ActionState> {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const reopen = text(form, 'action') === 'reopen';
  const reason = text(form, 'reason').trim();
  // The API leaves the reason optional; in the browser a reopen always says why.
  if (reopen && reason === '') {
    return {
      ok: false,
      code: 'validation_failed',
      message: 'Say why the month is reopened',
      fieldErrors: [{ field: 'reason', message: 'Required' }],
    };
  }
  const command = reopen ? reopenPeriod : closePeriod;
  const input = reason === '' ? {} : { reason };
  const result = await attempt(() => command({ prisma: ctx.prisma, actor: user, organizationId, period, input, now: ctx.now() }));
  if (!result.ok) return { ...result, values: { reason } };
  revalidatePath(`/orgs/${organizationId}/periods`);
  if (reopen) redirect(`/orgs/${organizationId}/periods?year=${period}`);
  return result;
}

/** "Close through <month>", after the confirmation that showed what it locks. */
export async function closeThroughAction(organizationId: string, through: string): Promise<ActionState> {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const result = await attempt(() =>
    closePeriodsThrough({ prisma: ctx.prisma, actor: user, organizationId, input: { through }, now: ctx.now() }),
  );
  if (!result.ok) return result;
  revalidatePath(`/orgs/${organizationId}/periods`);
  redirect(`/orgs/${organizationId}/periods?year=${through}&closed=${through}`);
}

export async function addMemberAction(organizationId: string, _state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const result = await attempt(() =>
    addMember({
      prisma: ctx.prisma,
      actor: user,
      organizationId,
      input: { email: text(form, 'email'), role: text(form, 'role') },
      now: ctx.now(),
    }),
  );
  if (result.ok) revalidatePath(`/orgs/${organizationId}/members`);
  return result.ok ? result : { ...result, values: { email: text(form, 'email'), role: text(form, 'role') } };
}

export async function changeMemberAction(
  organizationId: string,
  userId: string,
  _state: ActionState,
  form: FormData,
): Promise<ActionState> {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const result = await attempt(() =>
    text(form, 'action') === 'remove'
      ? removeMember({ prisma: ctx.prisma, actor: user, organizationId, userId })
      : changeMemberRole({ prisma: ctx.prisma, actor: user, organizationId, userId, role: text(form, 'role') }),
  );
  if (result.ok) revalidatePath(`/orgs/${organizationId}/members`);
  return result;
}

/** Invites an e-mail; the state carries the link (shown once) and what became of the mail. */
export async function inviteMemberAction(organizationId: string, _state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const input = { email: text(form, 'email'), role: text(form, 'role') };
  const origin = addressedOrigin(await headers());
  const result = await attemptCommand(() =>
    inviteMember({ prisma: ctx.prisma, actor: user, organizationId, input, origin, mailer: ctx.mailer, now: ctx.now() }),
  );
  if (!result.ok) return { ...result, values: input };
  revalidatePath(`/orgs/${organizationId}/members`);
  const { email, role, url, expiresAt, mail } = result.value;
  return {
    ok: true,
    message: `Invitation created for ${email} (${role}).`,
    values: {
      email: '',
      role,
      url,
      invitedEmail: email,
      expiresAt: expiresAt.toISOString(),
      mail: mail.status,
      mailError: mail.status === 'failed' ? mail.error : '',
    },
  };
}

export async function revokeInvitationAction(organizationId: string, invitationId: string): Promise<void> {
  const ctx = webContext();
  const user = await requireUser(ctx);
  try {
    await revokeInvitation({ prisma: ctx.prisma, actor: user, organizationId, invitationId, now: ctx.now() });
  } catch (error) {
    // Revoked, accepted or expired meanwhile (another tab): it is no longer pending either way.
    if (!(isAppError(error) && error.code === 'not_found')) throw error;
  }
  revalidatePath(`/orgs/${organizationId}/members`);
}

export async function updateReportSettingsAction(organizationId: string, _state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const input = { numberFormat: text(form, 'numberFormat'), paperSize: text(form, 'paperSize') };
  const result = await attempt(() => updateReportSettings({ prisma: ctx.prisma, actor: user, organizationId, input }));
  if (result.ok) revalidatePath(`/orgs/${organizationId}`, 'layout');
  return result.ok ? result : { ...result, values: input };
}
