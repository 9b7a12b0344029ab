import { describe, expect, it } from 'vitest';
import { AppError, ERROR_STATUS, isAppError, type ErrorCode } from './errors';

// What a second copy of lib/errors.ts (the Next.js bundle next to web/main.ts) produces.
class OtherCopyAppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors: [] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

describe('isAppError', () => {
  it('recognises this module’s AppError and one from another copy of the module', () => {
    expect(isAppError(new AppError('not_found', 'x'))).toBe(true);
    expect(isAppError(new OtherCopyAppError('service_unavailable', 'busy'))).toBe(true);
  });

  it('does not take other errors for one', () => {
    expect(isAppError(new Error('boom'))).toBe(false);
    expect(isAppError(Object.assign(new Error('x'), { name: 'AppError', code: 'made_up', fieldErrors: [] }))).toBe(false);
    expect(isAppError({ name: 'AppError', code: 'not_found', fieldErrors: [] })).toBe(false);
  });
});
