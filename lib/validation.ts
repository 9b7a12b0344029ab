import { z } from 'zod';
import { AppError, type FieldError } from './errors';

/**
 * Parses untrusted input with a zod schema; failures become one `validation_failed`.
 * Every use case parses its input here, so this is also where text the database cannot
 * store is refused in any string field: a NUL character (PostgreSQL text cannot hold one)
 * and a lone UTF-16 surrogate (JSON allows "\ud800"; it has no UTF-8 form, and Prisma's
 * engine fails on it). Either would otherwise surface as a database error (a 500) instead
 * of the client's mistake.
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError('validation_failed', 'The request has invalid fields', toFieldErrors(result.error));
  const unstorable = unstorableText(result.data, []);
  if (unstorable.length > 0) throw new AppError('validation_failed', 'The request has invalid fields', unstorable);
  return result.data;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why the database cannot store this text, or null when it can. */
export function unstorableTextProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'Must not contain a NUL character';
  if (LONE_SURROGATE.test(value)) return 'Must be valid Unicode text (a lone surrogate was sent)';
  return null;
}

function unstorableText(value: unknown, path: string[]): FieldError[] {
  if (typeof value === 'string') {
    const message = unstorableTextProblem(value);
    return message ? [{ field: path.join('.') || '(body)', message }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => unstorableText(item, [...path, String(index)]));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.entries(value).flatMap(([key, item]) => unstorableText(item, [...path, key]));
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
