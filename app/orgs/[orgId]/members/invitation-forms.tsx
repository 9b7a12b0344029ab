'use client';

import { useState } from 'react';
import { ActionForm, TextField } from '@/app/components/action-form';
import type { ActionState } from '@/lib/adapters/web/form-state';
import { inviteMemberAction, revokeInvitationAction } from '../actions';
import { RoleField } from './member-forms';

export function InviteForm(props: { organizationId: string }) {
  return (
    <ActionForm action={inviteMemberAction.bind(null, props.organizationId)} label="Invite someone">
      {(state, pending) => (
        <>
          <div className="row">
            <TextField
              state={state}
              id="invite-email"
              name="email"
              type="email"
              label="E-mail"
              defaultValue={state.values?.email}
              style={{ flex: 2 }}
            />
            <RoleField id="invite-role" defaultValue={state.values?.role} />
            <div className="field" style={{ flex: 0 }}>
              <button type="submit" disabled={pending}>
                {pending ? 'Inviting…' : 'Invite'}
              </button>
            </div>
          </div>
          {state.ok && state.values?.url && <CreatedInvitation state={state} />}
        </>
      )}
    </ActionForm>
  );
}

/** The link right after inviting: the only time it is shown (the database keeps its hash). */
function CreatedInvitation({ state }: { state: ActionState }) {
  const [copied, setCopied] = useState(false);
  const values = state.values ?? {};
  const url = values.url ?? '';
  const copy = () => {
    void navigator.clipboard.writeText(url).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <div role="status" className="invitation-created">
      <p className="ok">{state.message}</p>
      <div className="field">
        <label htmlFor="invitation-link">Invitation link (works once, until {values.expiresAt?.slice(0, 10)}; shown only now)</label>
        <div className="row">
          <input id="invitation-link" readOnly value={url} onFocus={(event) => event.currentTarget.select()} style={{ flex: 1 }} />
          <button type="button" className="secondary" onClick={copy}>
            {copied ? 'Copied' : 'Copy link'}
          </button>
        </div>
      </div>
      {values.mail === 'sent' && <p>The link was e-mailed to {values.invitedEmail}.</p>}
      {values.mail === 'not_configured' && (
        <p className="muted">E-mail is not set up (SMTP_URL): send the link to {values.invitedEmail} yourself.</p>
      )}
      {values.mail === 'failed' && (
        <p className="error" role="alert">
          The e-mail to {values.invitedEmail} could not be sent ({values.mailError}). The invitation is valid: send the link yourself.
        </p>
      )}
    </div>
  );
}

/** Revoke asks once more before it withdraws the link. */
export function RevokeInvitationButton(props: { organizationId: string; invitationId: string; email: string }) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button
        type="button"
        className="secondary"
        onClick={() => setConfirming(true)}
        aria-label={`Revoke the invitation of ${props.email}`}
      >
        Revoke
      </button>
    );
  }
  return (
    <form action={revokeInvitationAction.bind(null, props.organizationId, props.invitationId)} className="inline-form">
      <span>Revoke the invitation of {props.email}? </span>
      <button type="submit" aria-label={`Yes, revoke the invitation of ${props.email}`}>
        Yes, revoke
      </button>{' '}
      <button type="button" className="secondary" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </form>
  );
}
