// What a render thread is asked to render: a document, or a stored report's BSON (store.ts,
// findStoredReport), decoded on the render thread so that a 10 MB general ledger never
// decodes on the asking process's event loop.
import type { ReportDocument } from '../../domains/reports/documents';
import { decodeStoredReport, type StoredReportBytes } from '../../domains/reports/documents/stored';

export type RenderSource = ReportDocument | { stored: StoredReportBytes };

export function renderSourceDocument(source: RenderSource): ReportDocument {
  return 'stored' in source ? decodeStoredReport(source.stored) : source;
}
