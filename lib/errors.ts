// One error type for the whole application, a small closed set of codes, and one mapping
// to HTTP status (lib/adapters/http/problem.ts). Domain functions throw AppError; anything else
// that escapes is a bug and becomes a fixed 500 that leaks nothing.

export const ERROR_STATUS = {
  validation_failed: 422,
  malformed_request: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unbalanced_entry: 422,
  unknown_account: 422,
  inactive_account: 422,
  period_closed: 409,
  conflict: 409,
  // An invitation for someone who is already a member of the organization.
  already_member: 409,
  idempotency_conflict: 409,
  not_found: 404,
  unauthorized: 401,
  forbidden: 403,
  rate_limited: 429,
  // Busy (every render slot taken): answered with Retry-After, nothing was changed.
  service_unavailable: 503,
  // A rule the ledger guarantees does not hold in the data (a trial balance that does not
  // balance): the books are damaged or there is a bug. Deterministic, so never retried.
  invariant_violated: 500,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  /** Path into the request body, e.g. "lines.2.debit". */
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors: FieldError[];
  /** For 429 and 503: how long a well-behaved client waits before asking again (Retry-After). */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, fieldErrors: FieldError[] = [], options: { retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what = 'Resource'): AppError => new AppError('not_found', `${what} not found`);

/** A broken invariant of the books, found by a pure builder or check (see ERROR_STATUS). */
export const invariantViolated = (message: string): AppError => new AppError('invariant_violated', message);

/**
 * Also true for an AppError made by another copy of this module: the web process loads lib/
 * twice (its own server through tsx, the Next.js bundle), and objects such as the file cache
 * are shared between them, so `instanceof` alone would turn a 503 into a 500.
 */
export function isAppError(error: unknown): error is AppError {
  if (error instanceof AppError) return true;
  if (!(error instanceof Error) || error.name !== 'AppError') return false;
  const { code, fieldErrors } = error as Error & { code?: unknown; fieldErrors?: unknown };
  return typeof code === 'string' && Object.hasOwn(ERROR_STATUS, code) && Array.isArray(fieldErrors);
}
