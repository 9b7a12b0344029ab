import type { TrialBalanceDocument } from './trial-balance';

export type { ReportDocumentBase } from './base';
export { SCHEMA_VERSION } from './base';
export type { TrialBalanceDocument, TrialBalanceRow } from './trial-balance';

export type ReportDocument = TrialBalanceDocument;
