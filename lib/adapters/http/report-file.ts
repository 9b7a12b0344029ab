import { Readable } from 'node:stream';
import type { ReportFile } from '../../domains/reports/queries/get-report-file';
import { etagMatches } from '../../domains/reports/files';

/** A report file (or 304) with its ETag; private because reports are tenant data. */
export function reportFileResponse(file: ReportFile): Response {
  const headers = new Headers({ etag: file.etag, 'cache-control': 'private, no-cache' });
  if (file.notModified) return new Response(null, { status: 304, headers });
  headers.set('content-type', file.contentType);
  headers.set('content-length', String(file.body.length));
  headers.set('content-disposition', contentDisposition(file.filename));
  return new Response(new Uint8Array(file.body), { status: 200, headers });
}

/** An attachment named `filename`: ASCII fallback plus the exact UTF-8 name (RFC 6266 / 5987), so "Łódź" survives. */
export function contentDisposition(filename: string): string {
  const ascii = filename
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\]/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** A finished file (a snapshot PDF): immutable, so clients may cache it privately for good. */
export function immutableFileResponse(
  body: Buffer,
  filename: string,
  contentType: string,
  etag: string,
  ifNoneMatch: string | null = null,
): Response {
  const quoted = `"${etag}"`;
  if (etagMatches(ifNoneMatch, quoted)) {
    return new Response(null, { status: 304, headers: { etag: quoted, 'cache-control': 'private, max-age=31536000, immutable' } });
  }
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': contentType,
      'content-length': String(body.length),
      'content-disposition': contentDisposition(filename),
      etag: `"${etag}"`,
      'cache-control': 'private, max-age=31536000, immutable',
    },
  });
}

/** A streamed download (a run's ZIP): no length known in advance, never cached. */
export function streamedFileResponse(stream: Readable, filename: string, contentType: string): Response {
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    headers: { 'content-type': contentType, 'content-disposition': contentDisposition(filename), 'cache-control': 'private, no-store' },
  });
}
