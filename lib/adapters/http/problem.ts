// The single mapping from errors to HTTP: RFC 9457 problem+json with a stable `code`.
import { AppError, isAppError } from '../../errors';
import { RENDER_RETRY_AFTER_SECONDS } from '../cache/file-cache';

export function problemResponse(error: unknown, instance?: string): Response {
  const appError = toAppError(error);
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
      // Busy, not broken: a well-behaved client waits this long and asks again.
      ...(appError.code === 'service_unavailable' ? { 'retry-after': String(RENDER_RETRY_AFTER_SECONDS) } : {}),
    },
  });
}

function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  // Unknown errors are bugs or outages: log them whole, answer with a fixed message that
  // leaks neither SQL, stack nor data.
  console.error('[api] unexpected error', error);
  return new AppError('internal_error', 'An unexpected error occurred; it has been logged');
}
