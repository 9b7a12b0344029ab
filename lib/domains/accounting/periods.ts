// Periods are calendar months "YYYY-MM". Pure helpers; no clock is read here — callers
// pass `now` in.

export type PeriodKey = string;

export const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isPeriod(value: string): boolean {
  return PERIOD_PATTERN.test(value);
}

/**
 * True for a real calendar date written YYYY-MM-DD (rejects 2026-02-30). Only the shape:
 * which dates the ledger accepts is the date window's question (window.ts), so that a
 * refusal of 1899-12-31 can say which dates are accepted.
 */
export function isIsoDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** Gregorian; integer arithmetic (Date.UTC would read years 0–99 as 1900–1999). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function periodOfDate(isoDate: string): PeriodKey {
  return isoDate.slice(0, 7);
}

export function periodOfInstant(now: Date): PeriodKey {
  return now.toISOString().slice(0, 7);
}

function toIndex(period: PeriodKey): number {
  const match = PERIOD_PATTERN.exec(period);
  if (!match) throw new Error(`not a period: ${period}`);
  return Number(match[1]) * 12 + (Number(match[2]) - 1);
}

function fromIndex(index: number): PeriodKey {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function addMonths(period: PeriodKey, months: number): PeriodKey {
  return fromIndex(toIndex(period) + months);
}

export function comparePeriods(a: PeriodKey, b: PeriodKey): number {
  return toIndex(a) - toIndex(b);
}

/** Every period from `from` to `to`, both included; empty when from > to. */
export function periodRange(from: PeriodKey, to: PeriodKey): PeriodKey[] {
  const result: PeriodKey[] = [];
  for (let index = toIndex(from); index <= toIndex(to); index++) result.push(fromIndex(index));
  return result;
}

/** The first period of the fiscal year that contains `period`. */
export function fiscalYearStart(period: PeriodKey, fiscalYearStartMonth: number): PeriodKey {
  const index = toIndex(period);
  const month = index % 12; // 0-based
  const startMonth = fiscalYearStartMonth - 1;
  const back = (month - startMonth + 12) % 12;
  return fromIndex(index - back);
}

/**
 * The periods a statement of `period` compares itself with (issue 13 item 4): the same
 * month a year earlier (the income statement; its fiscal year to date runs from the first
 * month of the previous fiscal year) and the last month of the previous fiscal year (the
 * balance sheet's prior year end). Both are before `period`, so a change dated in them is
 * inside the "from the changed month onward" range every write already rebuilds.
 */
export function comparativePeriods(
  period: PeriodKey,
  fiscalYearStartMonth: number,
): { samePeriodLastYear: PeriodKey; priorYearEnd: PeriodKey } {
  return {
    samePeriodLastYear: addMonths(period, -12),
    priorYearEnd: addMonths(fiscalYearStart(period, fiscalYearStartMonth), -1),
  };
}

/** First and last calendar day of a period, as YYYY-MM-DD. */
export function periodBounds(period: PeriodKey): { start: string; end: string } {
  const index = toIndex(period);
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { start: `${period}-01`, end: `${period}-${String(daysInMonth(year, month)).padStart(2, '0')}` };
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** "2026-10-31" → "31 October 2026": dates as an accountant writes them in a statement's heading. */
export function longDate(isoDate: string): string {
  const match = DATE_PATTERN.exec(isoDate);
  if (!match) throw new Error(`not a date: ${isoDate}`);
  return `${Number(match[3])} ${MONTH_NAMES[Number(match[2]) - 1] ?? ''} ${Number(match[1])}`;
}

/** "2026-10" → "October 2026". */
export function monthName(period: PeriodKey): string {
  return longDate(`${period}-01`).replace(/^1 /, '');
}
