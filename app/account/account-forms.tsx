'use client';

import { ActionForm, TextField } from '@/app/components/action-form';
import { changePasswordAction, signOutOthersAction } from './actions';

export function ChangePasswordForm({ minPasswordLength }: { minPasswordLength: number }) {
  return (
    <ActionForm action={changePasswordAction} label="Change password">
      {(state, pending) => (
        <>
          <TextField state={state} id="current-password" name="currentPassword" label="Current password" type="password" />
          <TextField
            state={state}
            id="new-password"
            name="newPassword"
            label={`New password (at least ${minPasswordLength} characters)`}
            type="password"
          />
          <TextField state={state} id="new-password-again" name="newPasswordAgain" label="New password again" type="password" />
          <button type="submit" disabled={pending}>
            {pending ? 'Changing…' : 'Change password'}
          </button>
          {state.ok && (
            <p className="ok" role="status">
              {state.message}
            </p>
          )}
        </>
      )}
    </ActionForm>
  );
}

export function SignOutOthersForm() {
  return (
    <ActionForm action={signOutOthersAction} label="Sign out other sessions">
      {(state, pending) => (
        <>
          <button type="submit" className="secondary" disabled={pending}>
            Sign out all other sessions
          </button>
          {state.ok && (
            <p className="ok" role="status">
              {state.message}
            </p>
          )}
        </>
      )}
    </ActionForm>
  );
}
