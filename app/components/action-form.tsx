'use client';

import { useActionState, type ReactNode } from 'react';
import type { ActionState } from '@/lib/adapters/web/form-state';

/**
 * A form bound to a server action that returns ActionState: shows the domain error next to
 * the form, and field errors next to their fields (by name, via `fieldError`).
 */
export function ActionForm(props: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  label: string;
  className?: string;
  children: (state: ActionState, pending: boolean) => ReactNode;
}) {
  const [state, action, pending] = useActionState(props.action, {});
  return (
    <form action={action} aria-label={props.label} className={props.className} noValidate>
      {props.children(state, pending)}
      {state.ok === false && state.message && (
        <p className="error" role="alert">
          {state.message}
        </p>
      )}
    </form>
  );
}

export function fieldError(state: ActionState, field: string): string | undefined {
  return state.fieldErrors?.find((error) => error.field === field)?.message;
}

/** A labelled input with its field error below it, for forms bound to an ActionState. */
export function TextField(props: {
  state: ActionState;
  id: string;
  name: string;
  label: string;
  type?: string;
  defaultValue?: string | undefined;
  style?: React.CSSProperties;
}) {
  const error = fieldError(props.state, props.name);
  return (
    <div className="field" style={props.style}>
      <label htmlFor={props.id}>{props.label}</label>
      <input id={props.id} name={props.name} type={props.type ?? 'text'} defaultValue={props.defaultValue} aria-invalid={Boolean(error)} />
      {error && <div className="error">{error}</div>}
    </div>
  );
}
