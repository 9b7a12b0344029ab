import type { PaperSize } from '../pdf/report-pdf';
import type { ReportPdf } from '../reports/queries';

export function paperFromQuery(params: URLSearchParams): PaperSize {
  return params.get('paper')?.toLowerCase() === 'letter' ? 'LETTER' : 'A4';
}

/** A PDF (or 304) with the ETag; private because reports are tenant data. */
export function pdfResponse(pdf: ReportPdf): Response {
  const headers = new Headers({ etag: pdf.etag, 'cache-control': 'private, no-cache' });
  if (pdf.notModified) return new Response(null, { status: 304, headers });
  headers.set('content-type', 'application/pdf');
  headers.set('content-length', String(pdf.body.length));
  headers.set('content-disposition', `attachment; filename="${pdf.filename}"`);
  return new Response(new Uint8Array(pdf.body), { status: 200, headers });
}
