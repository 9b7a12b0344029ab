// Drill-down on screen (issue 13 item 3): a statement row opens its account's general
// ledger for the same period, a ledger line opens its journal entry, and each step carries
// where it came from in its URL so that the page can offer "Back to <report>" with the
// period kept. Pure: URLs are built from checked parts only (a period, a report type, an
// account code), never echoed from the query string, so no link can point elsewhere.
import { isPeriod } from '../accounting/periods';
import { isReportType, type ReportType } from './types';

/** The account codes an organization can have (ledger/commands/create-account.ts). */
const ACCOUNT_CODE = /^[0-9A-Za-z][0-9A-Za-z.-]{0,19}$/;

export function isAccountCode(value: string): boolean {
  return ACCOUNT_CODE.test(value);
}

/** The statements whose rows drill down into the general ledger. */
export type StatementType = Exclude<ReportType, 'general-ledger'>;

export function isStatementType(value: string): value is StatementType {
  return isReportType(value) && value !== 'general-ledger';
}

/** Where a page was opened from: a report of a period, maybe the ledger of one account, maybe reached from a statement. */
export interface ReportPlace {
  period: string;
  view: ReportType;
  /** The general ledger filtered to this account. */
  account?: string;
  /** The statement the filtered ledger was opened from. */
  origin?: StatementType;
}

/** `?period=…&view=…[&account=…][&origin=…]`: the reports page's query string for a place. */
export function reportQuery(place: ReportPlace): string {
  const params = new URLSearchParams({ period: place.period, view: place.view });
  if (place.view === 'general-ledger' && place.account) params.set('account', place.account);
  if (place.view === 'general-ledger' && place.origin) params.set('origin', place.origin);
  return `?${params.toString()}`;
}

export function reportHref(organizationId: string, place: ReportPlace): string {
  return `/orgs/${organizationId}/reports${reportQuery(place)}`;
}

/** A statement row → its account's general ledger for the same period. */
export function accountLedgerHref(organizationId: string, options: { period: string; account: string; origin: StatementType }): string {
  return reportHref(organizationId, { period: options.period, view: 'general-ledger', account: options.account, origin: options.origin });
}

/** A general-ledger line → its entry's page, remembering the ledger it was opened from. */
export function entryHref(organizationId: string, entryId: string, from: ReportPlace): string {
  return `/orgs/${organizationId}/entries/${entryId}${reportQuery(from)}`;
}

/**
 * The place named by a query string (`period`, `view`, `account`, `origin`), or null when
 * any part is missing or malformed: then the page shows no "Back to" link at all.
 */
export function parseReportPlace(search: { period?: string; view?: string; account?: string; origin?: string }): ReportPlace | null {
  const { period, view, account, origin } = search;
  if (!period || !isPeriod(period) || !view || !isReportType(view)) return null;
  const place: ReportPlace = { period, view };
  if (view !== 'general-ledger') return place;
  if (account !== undefined) {
    if (!isAccountCode(account)) return null;
    place.account = account;
  }
  if (origin !== undefined) {
    if (!isStatementType(origin)) return null;
    place.origin = origin;
  }
  return place;
}
