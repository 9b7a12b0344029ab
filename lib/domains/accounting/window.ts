// The ledger date window: the dates an entry may carry and the periods a period action
// (close, reopen) may name. Pure; the clock is passed in.
//
// Why a window at all: an entry dated in P changes every report from P up to the latest
// period the organization has (lib/adapters/queue/report-jobs.ts), so one entry dated 9999-12-31
// used to make every later posting register ~383,000 reports. The window keeps the
// latest period near the present whatever is typed.
//
// Why these bounds: 1900-01-01 is where dates were already refused (historical books
// older than that are not kept in this system); 24 months ahead leaves room for accruals,
// prepayments and scheduled entries posted in advance, while a year typed wrong (2126,
// 9999) is refused.
import { AppError } from '../../errors';
import { addMonths, periodBounds, periodOfInstant, type PeriodKey } from './periods';

export const FIRST_LEDGER_DATE = '1900-01-01';
export const FIRST_LEDGER_PERIOD: PeriodKey = '1900-01';
/** How many calendar months after the current one entries may be dated in. */
export const LEDGER_MONTHS_AHEAD = 24;

export interface LedgerWindow {
  firstDate: string;
  lastDate: string;
  firstPeriod: PeriodKey;
  lastPeriod: PeriodKey;
}

/** 1900-01-01 through the last day of the month 24 months after `now`'s month (UTC). */
export function ledgerWindow(now: Date): LedgerWindow {
  const lastPeriod = addMonths(periodOfInstant(now), LEDGER_MONTHS_AHEAD);
  return { firstDate: FIRST_LEDGER_DATE, lastDate: periodBounds(lastPeriod).end, firstPeriod: FIRST_LEDGER_PERIOD, lastPeriod };
}

/** `date` is a valid YYYY-MM-DD (checked before); string order is date order. */
export function isDateInWindow(date: string, window: LedgerWindow): boolean {
  return date >= window.firstDate && date <= window.lastDate;
}

export function isPeriodInWindow(period: PeriodKey, window: Pick<LedgerWindow, 'firstPeriod' | 'lastPeriod'>): boolean {
  return period >= window.firstPeriod && period <= window.lastPeriod;
}

export function dateWindowMessage(window: LedgerWindow): string {
  return `Use a date from ${window.firstDate} to ${window.lastDate} (at most ${LEDGER_MONTHS_AHEAD} months ahead)`;
}

export function periodWindowMessage(window: Pick<LedgerWindow, 'firstPeriod' | 'lastPeriod'>): string {
  return `Use a period from ${window.firstPeriod} to ${window.lastPeriod}`;
}

export function dateOutsideWindowMessage(date: string, window: LedgerWindow): string {
  return `${date} is outside the ledger's dates: ${window.firstDate} to ${window.lastDate}`;
}

export function assertDateInWindow(date: string, window: LedgerWindow, field = 'date'): void {
  if (isDateInWindow(date, window)) return;
  throw new AppError('validation_failed', dateOutsideWindowMessage(date, window), [{ field, message: dateWindowMessage(window) }]);
}

export function assertPeriodInWindow(period: PeriodKey, window: Pick<LedgerWindow, 'firstPeriod' | 'lastPeriod'>, field = 'period'): void {
  if (isPeriodInWindow(period, window)) return;
  throw new AppError('validation_failed', `${period} is outside the ledger's periods: ${window.firstPeriod} to ${window.lastPeriod}`, [
    { field, message: periodWindowMessage(window) },
  ]);
}
