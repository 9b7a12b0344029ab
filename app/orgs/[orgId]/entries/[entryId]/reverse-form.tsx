'use client';

import { ActionForm, TextField } from '@/app/components/action-form';
import { reverseEntryAction } from '../../actions';

export function ReverseForm(props: { organizationId: string; entryId: string; today: string }) {
  return (
    <ActionForm action={reverseEntryAction.bind(null, props.organizationId, props.entryId)} label="Reverse entry" className="row">
      {(state, pending) => (
        <>
          <TextField
            state={state}
            id="reversal-date"
            name="date"
            type="date"
            label="Reversal date"
            defaultValue={props.today}
            style={{ maxWidth: 200 }}
          />
          <div className="field" style={{ flex: 0 }}>
            <button type="submit" disabled={pending}>
              {pending ? 'Reversing…' : 'Reverse entry'}
            </button>
          </div>
        </>
      )}
    </ActionForm>
  );
}
