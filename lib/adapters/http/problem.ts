// The single mapping from errors to HTTP: RFC 9457 problem+json with a stable `code`.
import { AppError, isAppError } from '../../errors';
import { logger } from '../observability/logger';
import { currentRequestId } from '../observability/request-context';

export function problemResponse(error: unknown, instance?: string): Response {
  const appError = toAppError(error);
  const wait = retryAfter(appError);
  const body = {
    type: `https://closebook.dev/problems/${appError.code}`,
    title: appError.message,
    status: appError.status,
    code: appError.code,
    ...(appError.fieldErrors.length > 0 ? { errors: appError.fieldErrors } : {}),
    ...(instance ? { instance } : {}),
  };
  return new Response(JSON.stringify(body), {
    status: appError.status,
    headers: {
      'content-type': 'application/problem+json',
      'cache-control': 'no-store',
      // Busy (503) or throttled (429), not broken: a well-behaved client waits this long and asks again.
      ...(wait === undefined ? {} : { 'retry-after': String(wait) }),
    },
  });
}

function retryAfter(error: AppError): number | undefined {
  // Read as a plain property: the error may come from another copy of lib/errors.ts (see isAppError).
  const seconds = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  if (typeof seconds === 'number' && Number.isFinite(seconds)) return Math.max(1, Math.ceil(seconds));
  return undefined;
}

function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  // Unknown errors are bugs or outages: log them whole, answer with a fixed message that
  // leaks neither SQL, stack nor data.
  logger().error({ err: error, requestId: currentRequestId() }, 'unexpected error');
  return new AppError('internal_error', 'An unexpected error occurred; it has been logged');
}
