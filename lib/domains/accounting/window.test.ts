import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { assertDateInWindow, assertPeriodInWindow, isDateInWindow, isPeriodInWindow, ledgerWindow } from './window';

describe('ledgerWindow', () => {
  it.each([
    ['2026-11-15T10:00:00Z', '2028-11', '2028-11-30'],
    ['2026-01-01T00:00:00Z', '2028-01', '2028-01-31'],
    // The month is read in UTC: the last instant of December is still December.
    ['2026-12-31T23:59:59.999Z', '2028-12', '2028-12-31'],
    // 24 months after a month whose window ends in a leap February.
    ['2026-02-10T00:00:00Z', '2028-02', '2028-02-29'],
    ['2027-02-10T00:00:00Z', '2029-02', '2029-02-28'],
    // 2100 is not a leap year.
    ['2098-02-01T00:00:00Z', '2100-02', '2100-02-28'],
  ])('at %s ends with period %s on %s', (now, lastPeriod, lastDate) => {
    expect(ledgerWindow(new Date(now))).toEqual({ firstDate: '1900-01-01', firstPeriod: '1900-01', lastPeriod, lastDate });
  });
});

describe('dates in the window', () => {
  const window = ledgerWindow(new Date('2026-02-10T00:00:00Z')); // through 2028-02-29
  it.each([
    ['1899-12-31', false],
    ['1900-01-01', true],
    ['1900-02-28', true],
    ['2026-02-10', true],
    ['2028-02-28', true],
    ['2028-02-29', true],
    ['2028-03-01', false],
    ['2126-12-31', false],
    ['9999-12-31', false],
  ])('%s is inside: %s', (date, inside) => {
    expect(isDateInWindow(date, window)).toBe(inside);
    if (inside) expect(() => assertDateInWindow(date, window)).not.toThrow();
    else expect(() => assertDateInWindow(date, window)).toThrow(AppError);
  });

  it('refuses with validation_failed, a field error on date, and names the window', () => {
    let thrown: unknown;
    try {
      assertDateInWindow('9999-12-31', window);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    const error = thrown as AppError;
    expect(error.code).toBe('validation_failed');
    expect(error.status).toBe(422);
    expect(error.message).toBe("9999-12-31 is outside the ledger's dates: 1900-01-01 to 2028-02-29");
    expect(error.fieldErrors).toEqual([{ field: 'date', message: 'Use a date from 1900-01-01 to 2028-02-29 (at most 24 months ahead)' }]);
  });
});

describe('periods in the window', () => {
  const window = ledgerWindow(new Date('2026-11-15T10:00:00Z')); // through 2028-11
  it.each([
    ['0001-01', false],
    ['1899-12', false],
    ['1900-01', true],
    ['2026-11', true],
    ['2028-11', true],
    ['2028-12', false],
    ['9999-12', false],
  ])('%s is inside: %s', (period, inside) => {
    expect(isPeriodInWindow(period, window)).toBe(inside);
    if (inside) expect(() => assertPeriodInWindow(period, window)).not.toThrow();
    else expect(() => assertPeriodInWindow(period, window)).toThrow(/outside the ledger's periods: 1900-01 to 2028-11/);
  });
});
