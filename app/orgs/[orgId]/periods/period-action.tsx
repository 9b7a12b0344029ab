'use client';

import { ActionForm } from '@/app/components/action-form';
import { changePeriodAction } from '../actions';

export function PeriodAction(props: { organizationId: string; period: string; status: 'open' | 'closed' }) {
  const verb = props.status === 'open' ? 'Close' : 'Reopen';
  return (
    <ActionForm
      action={changePeriodAction.bind(null, props.organizationId, props.period)}
      label={`${verb} ${props.period}`}
      className="inline-form"
    >
      {(_state, pending) => (
        <>
          <input type="hidden" name="action" value={props.status === 'open' ? 'close' : 'reopen'} />
          <button type="submit" className="secondary" disabled={pending} aria-label={`${verb} period ${props.period}`}>
            {verb}
          </button>
        </>
      )}
    </ActionForm>
  );
}
