// One report document as a file, in any format a download can ask for. Pure (no I/O); runs
// on a render thread (render-pool.ts) or, with no threads configured, in-process.
import type { ReportDocument } from '../../domains/reports/documents';
import { reportCsv } from '../../domains/reports/exports/csv';
import { reportXlsx } from '../../domains/reports/exports/xlsx';
import { renderReportPdfFile, type PdfChunkSink, type PdfOptions, type RenderedPdf } from './report-pdf';

export type RenderFormat = 'pdf' | 'csv' | 'xlsx';

/**
 * `pages` is the PDF's page count, 0 for the other formats. A PDF's bytes also go to
 * `onChunk` as its pages are written (the other formats are whole when they are done).
 */
export async function renderReportFile(
  document: ReportDocument,
  format: RenderFormat,
  options: PdfOptions = {},
  onChunk?: PdfChunkSink,
): Promise<RenderedPdf> {
  switch (format) {
    case 'pdf':
      return renderReportPdfFile(document, options, onChunk);
    case 'csv':
      return { bytes: Buffer.from(reportCsv(document), 'utf8'), pages: 0 };
    case 'xlsx':
      return { bytes: await reportXlsx(document), pages: 0 };
  }
}
