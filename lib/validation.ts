import { z } from 'zod';
import { AppError, type FieldError } from './errors';

/** Parses untrusted input with a zod schema; failures become one `validation_failed`. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError('validation_failed', 'The request has invalid fields', toFieldErrors(result.error));
}

export function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** IDs from URLs are checked before they reach SQL: a malformed one is simply "not found". */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
