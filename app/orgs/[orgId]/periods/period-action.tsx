'use client';

import Link from 'next/link';
import { ActionForm, fieldError } from '@/app/components/action-form';
import { changePeriodAction, closeThroughAction } from '../actions';

/** Closes one open month (the row's button). Reopening goes through ReopenForm (a reason). */
export function PeriodAction(props: { organizationId: string; period: string }) {
  return (
    <ActionForm
      action={changePeriodAction.bind(null, props.organizationId, props.period)}
      label={`Close ${props.period}`}
      className="inline-form"
    >
      {(_state, pending) => (
        <>
          <input type="hidden" name="action" value="close" />
          <button type="submit" className="secondary" disabled={pending} aria-label={`Close period ${props.period}`}>
            Close
          </button>
        </>
      )}
    </ActionForm>
  );
}

/** Reopening asks why: the reason is recorded with the audited event and shown in the list. */
export function ReopenForm(props: { organizationId: string; period: string; cancelHref: string }) {
  return (
    <ActionForm action={changePeriodAction.bind(null, props.organizationId, props.period)} label={`Reopen ${props.period}`}>
      {(state, pending) => (
        <>
          <input type="hidden" name="action" value="reopen" />
          <div className="field">
            <label htmlFor="reopen-reason">Reason for reopening {props.period}</label>
            <textarea
              id="reopen-reason"
              name="reason"
              rows={3}
              maxLength={500}
              required
              autoFocus
              defaultValue={state.values?.reason}
              aria-invalid={Boolean(fieldError(state, 'reason'))}
              aria-describedby="reopen-reason-help"
            />
            <div id="reopen-reason-help" className="muted small">
              Shown in the periods list and kept in the audit trail. Entries can be posted into {props.period} again until it is closed.
            </div>
            {fieldError(state, 'reason') && <div className="error">{fieldError(state, 'reason')}</div>}
          </div>
          <p className="actions-row">
            <button type="submit" disabled={pending}>
              Reopen {props.period}
            </button>{' '}
            <Link href={props.cancelHref}>Cancel</Link>
          </p>
        </>
      )}
    </ActionForm>
  );
}

/** The confirmed "close through": one button, after the summary the page shows. */
export function CloseThroughConfirm(props: { organizationId: string; through: string; months: number; cancelHref: string }) {
  return (
    <ActionForm
      action={closeThroughAction.bind(null, props.organizationId, props.through)}
      label={`Confirm closing through ${props.through}`}
    >
      {(_state, pending) => (
        <p className="actions-row">
          <button type="submit" disabled={pending} autoFocus>
            {props.months === 1 ? 'Close 1 month' : `Close ${props.months} months`}
          </button>{' '}
          <Link href={props.cancelHref}>Cancel</Link>
        </p>
      )}
    </ActionForm>
  );
}
