import type { Db, ObjectId } from 'mongodb';
import { requirePermission, type Actor } from '../../auth/access';
import { notFound } from '../../../errors';
import type { PrismaClient } from '../../../adapters/db/prisma';
import type { FileCache } from '../../../adapters/cache/file-cache';
import type { LiveFile } from '../../../adapters/cache/live-file';
import type { PaperSize } from '../../../adapters/pdf/report-pdf';
import type { PdfRenderer } from '../../../adapters/pdf/render-pool';
import { etagMatches, fileVariant, REPORT_FORMATS, reportEtag, reportFilename, type ReportFormat } from '../files';
import { loadReportPresentation, type ReportPresentation } from '../presentation';
import { parseReportId } from '../ids';
import { findReportHeader, findStoredReport, openStoredReportStream } from '../store';

export type ReportFile =
  { notModified: true; etag: string } | { notModified: false; etag: string; body: Buffer; filename: string; contentType: string };

/**
 * A report as a file (PDF, CSV or XLSX). The ETag is checked against the document's
 * header first, so an unchanged report costs one small read and no rendering; rendered
 * files are kept in a bounded cache keyed by their ETag.
 */
export async function getReportFile(options: {
  prisma: PrismaClient;
  db: Db;
  actor: Actor;
  id: string;
  format: ReportFormat;
  /** Named by the download; the organization's default paper otherwise. */
  paper: PaperSize | undefined;
  ifNoneMatch: string | null;
  renderer: PdfRenderer;
  fileCache: FileCache;
}): Promise<ReportFile> {
  const _id = parseReportId(options.id);
  if (!_id) throw notFound('Report');
  const header = await findReportHeader(options.db, _id);
  if (!header) throw notFound('Report');
  await requirePermission(options.prisma, options.actor, header.organizationId, 'read', 'Report');
  const settings = await loadReportPresentation(options.prisma, header.organizationId);
  const presentation = { ...settings, paper: options.paper ?? settings.paper };
  const etag = reportEtag(header, fileVariant(options.format, presentation));
  if (etagMatches(options.ifNoneMatch, etag)) {
    return { notModified: true, etag };
  }
  const contentType = REPORT_FORMATS[options.format];
  const filename = reportFilename(header, options.format);
  const cached = options.fileCache.get(etag);
  if (cached) return { notModified: false, etag, body: cached, filename, contentType };
  const rendered = await renderReportFile({ ...options, presentation, objectId: _id, etag });
  return { notModified: false, ...rendered, filename, contentType };
}

/**
 * Renders the file the ETag names into the file cache, for anyone who may read it (the
 * caller checked): one render however many ask at once (single-flight), bounded per
 * process (503 beyond). The download hot path calls it too, so a request for a report
 * that was just rebuilt waits for its one render without going through the framework.
 */
export function renderReportFile(options: {
  db: Db;
  renderer: PdfRenderer;
  fileCache: FileCache;
  objectId: ObjectId;
  etag: string;
  format: ReportFormat;
  presentation: ReportPresentation;
}): Promise<{ etag: string; body: Buffer }> {
  const variant = fileVariant(options.format, options.presentation);
  const live = options.fileCache.live(options.etag);
  if (live) return Promise.all([live.begun, live.whole()]).then(([etag, body]) => ({ etag, body }));
  return options.fileCache.produce(options.etag, async () => {
    // Undecoded: the render thread decodes it (store.ts, findStoredReport).
    const stored = await findStoredReport(options.db, options.objectId);
    if (!stored) throw notFound('Report');
    // The document may have been replaced since the header read: name the bytes by what was rendered.
    const renderedEtag = reportEtag(stored.head, variant);
    // On the render threads, whatever the format: nothing renders (or decodes) on the event loop.
    const body = await options.renderer.renderFile(
      { stored: { document: stored.document, chunks: stored.chunks } },
      options.format,
      options.presentation,
    );
    options.fileCache.set(renderedEtag, body);
    return { etag: renderedEtag, body };
  });
}

/**
 * A PDF download that is not in the file cache, as a stream (the hot path's first
 * download after a rebuild): one render however many ask, whose pages leave as they are
 * drawn, so a 900-page general ledger's first bytes do not wait for its last page. The
 * whole file lands in the file cache at the end. Same bound as renderReportFile (503 beyond).
 */
export function streamReportPdf(options: {
  db: Db;
  renderer: PdfRenderer;
  fileCache: FileCache;
  objectId: ObjectId;
  etag: string;
  presentation: ReportPresentation;
}): LiveFile {
  const variant = fileVariant('pdf', options.presentation);
  return options.fileCache.produceLive(options.etag, async (file) => {
    // The document now, a large general ledger's line chunks as they are read: the render
    // thread draws the first pages from the first chunk while the rest are on their way.
    const stored = await openStoredReportStream(options.db, options.objectId);
    if (!stored) throw notFound('Report');
    // The document may have been replaced since the header read: name the bytes by what is rendered.
    const renderedEtag = reportEtag(stored.head, variant);
    file.begin(renderedEtag);
    const body = await options.renderer.renderPdfStream(
      { stored: { document: stored.document, chunks: [] }, more: true },
      options.presentation,
      (chunk) => file.push(chunk),
      stored.chunks,
    );
    options.fileCache.set(renderedEtag, body);
  });
}
