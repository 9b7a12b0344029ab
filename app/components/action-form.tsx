'use client';

import { useActionState, type ReactNode } from 'react';
import type { ActionState } from '@/app/orgs/[orgId]/actions';

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
