import { notFound } from '../errors';
import type { PaperSize } from '../pdf/report-pdf';
import { isReportFormat, type ReportFile, type ReportFormat } from '../reports/queries';

export function paperFromQuery(params: URLSearchParams): PaperSize {
  return params.get('paper')?.toLowerCase() === 'letter' ? 'LETTER' : 'A4';
}

/** The {format} URL segment: pdf, csv or xlsx; anything else is simply not there. */
export function formatFromPath(segment: string): ReportFormat {
  if (!isReportFormat(segment)) throw notFound('Report format');
  return segment;
}

/** A report file (or 304) with its ETag; private because reports are tenant data. */
export function reportFileResponse(file: ReportFile): Response {
  const headers = new Headers({ etag: file.etag, 'cache-control': 'private, no-cache' });
  if (file.notModified) return new Response(null, { status: 304, headers });
  headers.set('content-type', file.contentType);
  headers.set('content-length', String(file.body.length));
  // ASCII fallback plus the exact UTF-8 name (RFC 6266 / 5987), so "Łódź" survives.
  const ascii = file.filename
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\]/g, '');
  headers.set('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
  return new Response(new Uint8Array(file.body), { status: 200, headers });
}
