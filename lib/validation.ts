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
