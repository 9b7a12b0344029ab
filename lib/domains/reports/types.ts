// The report types of the public API; every one has a pure builder (lib/domains/reports/projections).
export const REPORT_TYPES = ['trial-balance', 'balance-sheet', 'income-statement', 'general-ledger'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

export function isReportType(type: string): type is ReportType {
  return (REPORT_TYPES as readonly string[]).includes(type);
}

export const REPORT_TITLES: Record<ReportType, string> = {
  'trial-balance': 'Trial balance',
  'balance-sheet': 'Balance sheet',
  'income-statement': 'Income statement',
  'general-ledger': 'General ledger',
};
