'use client';

import { ActionForm, TextField } from '@/app/components/action-form';
import { setUpAction } from './actions';

/** `minPasswordLength` comes from the server page (lib/auth stays out of the browser bundle). */
export function SetupForm({ minPasswordLength }: { minPasswordLength: number }) {
  return (
    <ActionForm action={setUpAction} label="Set up Closebook">
      {(state, pending) => (
        <>
          <fieldset>
            <legend>First administrator</legend>
            <TextField state={state} id="setup-name" name="name" label="Your name" defaultValue={state.values?.name} />
            <TextField state={state} id="setup-email" name="email" label="E-mail" type="email" defaultValue={state.values?.email} />
            <TextField
              state={state}
              id="setup-password"
              name="password"
              label={`Password (at least ${minPasswordLength} characters)`}
              type="password"
            />
            <TextField state={state} id="setup-password-again" name="passwordAgain" label="Password again" type="password" />
          </fieldset>
          <fieldset>
            <legend>First organization</legend>
            <TextField
              state={state}
              id="setup-organization"
              name="organizationName"
              label="Organization name"
              defaultValue={state.values?.organizationName}
            />
            <TextField
              state={state}
              id="setup-currency"
              name="baseCurrency"
              label="Base currency (ISO code, e.g. EUR)"
              defaultValue={state.values?.baseCurrency ?? 'EUR'}
            />
          </fieldset>
          <button type="submit" disabled={pending}>
            {pending ? 'Setting up…' : 'Create administrator and organization'}
          </button>
        </>
      )}
    </ActionForm>
  );
}
