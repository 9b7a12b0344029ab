// What a server action answers a form with. Domain errors (AppError) come back as data,
// so the form can show them next to the field they concern; anything else is a bug and
// propagates. The one mapping from AppError to form state.
import { isAppError, type FieldError } from '../../errors';

/** `values`: what was submitted, so a form can show it again after a refused submission. */
export type ActionState = { ok?: boolean; message?: string; code?: string; fieldErrors?: FieldError[]; values?: Record<string, string> };
export type RefusedState = { ok: false; code: string; message: string; fieldErrors: FieldError[] };

/** The refusal for a domain error; rethrows anything else. */
export function refusedState(error: unknown): RefusedState {
  if (isAppError(error)) return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors };
  throw error;
}

/** Runs a command: its value, or the refusal for a domain error. */
export async function attempt<T>(work: () => Promise<T>): Promise<{ ok: true; value: T } | RefusedState> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return refusedState(error);
  }
}
