'use client';

import { ActionForm, TextField } from '@/app/components/action-form';
import { createTokenAction, revokeTokenAction } from './actions';

export function CreateTokenForm() {
  return (
    <ActionForm action={createTokenAction} label="Create an API token">
      {(state, pending) => (
        <>
          <div className="row">
            <TextField state={state} id="token-name" name="name" label="Name (what uses it)" defaultValue={state.values?.name} />
            <TextField
              state={state}
              id="token-days"
              name="expiresInDays"
              label="Expires in days"
              type="number"
              defaultValue={state.values?.expiresInDays ?? '30'}
            />
          </div>
          <button type="submit" disabled={pending}>
            {pending ? 'Creating…' : 'Create token'}
          </button>
          {state.ok && state.values?.token && (
            <div role="status">
              <p className="ok">{state.message}</p>
              <code aria-label="New API token">{state.values.token}</code>
            </div>
          )}
        </>
      )}
    </ActionForm>
  );
}

export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  return (
    <form action={revokeTokenAction.bind(null, tokenId)}>
      <button type="submit" className="secondary" aria-label={`Revoke ${name}`}>
        Revoke
      </button>
    </form>
  );
}
