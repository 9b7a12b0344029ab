import type { ReportType } from '../types';

/** Bumped when the shape of any document changes; readers and the rebuild guard use it. */
export const SCHEMA_VERSION = 1;

/**
 * Fields every report document carries. Amounts anywhere in a document are decimal
 * strings with 2 places ("1234.50", "-5.00"): documents are rendered, never summed.
 */
export interface ReportDocumentBase {
  id: string;
  organizationId: string;
  organizationName: string;
  type: ReportType;
  /** "YYYY-MM" */
  period: string;
  periodStart: string;
  periodEnd: string;
  /** First period of the fiscal year that contains `period`. */
  fiscalYearStart: string;
  periodClosed: boolean;
  currency: string;
  /** The last ledger sequence of the organization this document includes. */
  asOfSequence: number;
  /**
   * The organization's ledger hash chain head at `asOfSequence` (64 hex): names the exact
   * state of the books this document was built from (`npm run ledger:verify`). Every
   * builder sets it; absent only on snapshots issued before the chain existed.
   */
  ledgerHash?: string;
  builtAt: string;
  schemaVersion: number;
}
