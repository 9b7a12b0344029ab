// The report types of the public API. Only those in BUILT_REPORT_TYPES have a projection
// today; the others are part of the contract and arrive with their builders.
export const REPORT_TYPES = ['trial-balance', 'balance-sheet', 'income-statement', 'general-ledger'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

export const BUILT_REPORT_TYPES = ['trial-balance'] as const satisfies readonly ReportType[];
export type BuiltReportType = (typeof BUILT_REPORT_TYPES)[number];

export function isBuiltReportType(type: string): type is BuiltReportType {
  return (BUILT_REPORT_TYPES as readonly string[]).includes(type);
}

export const REPORT_TITLES: Record<ReportType, string> = {
  'trial-balance': 'Trial balance',
  'balance-sheet': 'Balance sheet',
  'income-statement': 'Income statement',
  'general-ledger': 'General ledger',
};
