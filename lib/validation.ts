import { z } from 'zod';
import { AppError, type FieldError } from './errors';

/**
 * Parses untrusted input with a zod schema; failures become one `validation_failed`.
 * Every use case parses its input here, so this is also where a NUL character is refused
 * in any string field: PostgreSQL text cannot hold one, and it would otherwise surface as
 * a database error (a 500) instead of the client's mistake.
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError('validation_failed', 'The request has invalid fields', toFieldErrors(result.error));
  const nulFields = fieldsWithNul(result.data, []);
  if (nulFields.length > 0) {
    throw new AppError(
      'validation_failed',
      'The request has invalid fields',
      nulFields.map((field) => ({ field, message: 'Must not contain a NUL character' })),
    );
  }
  return result.data;
}

function fieldsWithNul(value: unknown, path: string[]): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path.join('.') || '(body)'] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => fieldsWithNul(item, [...path, String(index)]));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.entries(value).flatMap(([key, item]) => fieldsWithNul(item, [...path, key]));
  }
  return [];
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
