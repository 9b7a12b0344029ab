'use client';

import { useState } from 'react';
import { ActionForm, TextField } from '@/app/components/action-form';
import { addMemberAction, changeMemberAction } from '../actions';

function RoleOptions() {
  return (
    <>
      <option value="admin">Admin</option>
      <option value="accountant">Accountant</option>
      <option value="viewer">Viewer</option>
    </>
  );
}

/** The labelled role choice of the add and invite forms (accountant unless the form comes back with another). */
export function RoleField(props: { id: string; defaultValue: string | undefined }) {
  return (
    <div className="field" style={{ maxWidth: 180 }}>
      <label htmlFor={props.id}>Role</label>
      <select id={props.id} name="role" defaultValue={props.defaultValue ?? 'accountant'}>
        <RoleOptions />
      </select>
    </div>
  );
}

export function AddMemberForm(props: { organizationId: string }) {
  return (
    <ActionForm action={addMemberAction.bind(null, props.organizationId)} label="Add a member" className="row">
      {(state, pending) => (
        <>
          <TextField
            state={state}
            id="member-email"
            name="email"
            type="email"
            label="E-mail of an existing user"
            defaultValue={state.values?.email}
            style={{ flex: 2 }}
          />
          <RoleField id="member-role" defaultValue={state.values?.role} />
          <div className="field" style={{ flex: 0 }}>
            <button type="submit" disabled={pending}>
              Add member
            </button>
          </div>
        </>
      )}
    </ActionForm>
  );
}

export function MemberActions(props: { organizationId: string; userId: string; email: string; role: string }) {
  const action = changeMemberAction.bind(null, props.organizationId, props.userId);
  return (
    <>
      <ActionForm action={action} label={`Change role of ${props.email}`} className="inline-form">
        {(_state, pending) => (
          <>
            <input type="hidden" name="action" value="role" />
            <select name="role" defaultValue={props.role} aria-label={`Role of ${props.email}`}>
              <RoleOptions />
            </select>
            <button type="submit" className="secondary" disabled={pending}>
              Change role
            </button>
          </>
        )}
      </ActionForm>{' '}
      <RemoveMember action={action} email={props.email} />
    </>
  );
}

/** Remove asks once more: it takes the person's access to the organization away at once. */
function RemoveMember(props: { action: Parameters<typeof ActionForm>[0]['action']; email: string }) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="secondary" onClick={() => setConfirming(true)} aria-label={`Remove ${props.email}`}>
        Remove
      </button>
    );
  }
  return (
    <ActionForm action={props.action} label={`Remove ${props.email}`} className="inline-form">
      {(_state, pending) => (
        <>
          <input type="hidden" name="action" value="remove" />
          <span>Remove {props.email} from this organization? </span>
          <button type="submit" className="danger" disabled={pending} aria-label={`Yes, remove ${props.email}`} autoFocus>
            Yes, remove
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </>
      )}
    </ActionForm>
  );
}
