import { describe, expect, it } from 'vitest';
import { addMonths, comparativePeriods, fiscalYearStart, isIsoDate, longDate, monthName, periodBounds, periodRange } from './periods';

describe('periods', () => {
  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2024-02-29', true],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['2026-04-31', false],
    // The shape only; the ledger window (window.ts) decides which years are accepted.
    ['1899-12-31', true],
    ['0001-01-01', true],
    ['0000-01-01', false],
    ['1900-02-29', false],
    ['2000-02-29', true],
    ['2100-02-29', false],
    ['0004-02-29', true],
    ['0100-02-29', false],
  ])('isIsoDate(%j) is %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it.each([
    ['2026-05', 1, '2026-01'],
    ['2026-05', 4, '2026-04'],
    ['2026-03', 4, '2025-04'],
    ['2026-04', 4, '2026-04'],
    ['2026-12', 7, '2026-07'],
    ['2026-01', 12, '2025-12'],
  ])('fiscal year of %s with start month %d begins %s', (period, start, expected) => {
    expect(fiscalYearStart(period, start)).toBe(expected);
  });

  it('walks months across years', () => {
    expect(addMonths('2025-11', 3)).toBe('2026-02');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(periodRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(periodRange('2026-02', '2026-01')).toEqual([]);
    expect(periodBounds('2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
  });
});

describe('longDate and monthName', () => {
  it.each([
    ['2026-10-31', '31 October 2026'],
    ['2026-02-01', '1 February 2026'],
    ['0999-12-09', '9 December 999'],
  ])('%s → %s', (iso, expected) => expect(longDate(iso)).toBe(expected));

  it('names a month', () => expect(monthName('2026-01')).toBe('January 2026'));
});

describe('comparativePeriods', () => {
  it.each([
    ['2026-10', 1, '2025-10', '2025-12'],
    ['2026-01', 1, '2025-01', '2025-12'],
    ['2026-02', 4, '2025-02', '2025-03'],
    ['2026-04', 4, '2025-04', '2026-03'],
    ['2026-06', 7, '2025-06', '2025-06'],
  ] as const)('%s (fiscal year from month %i): %s and %s', (period, fiscalYearStartMonth, samePeriodLastYear, priorYearEnd) => {
    expect(comparativePeriods(period, fiscalYearStartMonth)).toEqual({ samePeriodLastYear, priorYearEnd });
  });
});
