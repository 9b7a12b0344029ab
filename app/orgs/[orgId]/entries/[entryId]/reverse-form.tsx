'use client';

import { ActionForm, fieldError } from '@/app/components/action-form';
import { reverseEntryAction } from '../../actions';

export function ReverseForm(props: { organizationId: string; entryId: string; today: string }) {
  return (
    <ActionForm action={reverseEntryAction.bind(null, props.organizationId, props.entryId)} label="Reverse entry" className="row">
      {(state, pending) => (
        <>
          <div className="field" style={{ maxWidth: 200 }}>
            <label htmlFor="reversal-date">Reversal date</label>
            <input
              id="reversal-date"
              name="date"
              type="date"
              defaultValue={props.today}
              aria-invalid={Boolean(fieldError(state, 'date'))}
            />
            {fieldError(state, 'date') && <div className="error">{fieldError(state, 'date')}</div>}
          </div>
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
