'use client';

import { ActionForm, TextField } from '@/app/components/action-form';
import { acceptInvitationAction } from './actions';

/** `newAccount`: Name and Password create the account; otherwise Accept joins with the signed-in one. */
export function AcceptForm(props: { newAccount: boolean; minPasswordLength: number }) {
  return (
    <ActionForm action={acceptInvitationAction} label="Accept the invitation">
      {(state, pending) => (
        <>
          {props.newAccount && (
            <>
              <TextField state={state} id="accept-name" name="name" label="Name" defaultValue={state.values?.name} />
              <TextField
                state={state}
                id="accept-password"
                name="password"
                type="password"
                label={`Password (at least ${props.minPasswordLength} characters)`}
              />
            </>
          )}
          <button type="submit" disabled={pending}>
            {pending ? 'Accepting…' : 'Accept'}
          </button>
        </>
      )}
    </ActionForm>
  );
}
