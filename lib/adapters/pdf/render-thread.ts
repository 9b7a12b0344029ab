// A render thread: receives report documents, answers with the file's bytes (transferred,
// not copied) and, for a PDF, the page count. Runs pdfkit (and exceljs, and the CSV
// writer) off the event loop of the process asking: a worker, or the web server.
import { parentPort } from 'node:worker_threads';
import { arrivingChunks, openRenderSource, renderSourceDocument, type RenderSource } from './render-source';
import type { ReportChanges } from '../../domains/reports/changes';
import { renderChangesPdf } from './changes-pdf';
import { renderReportFile, type RenderFormat } from './render-file';
import { renderReportPdfFile, type PaperSize, type PdfOptions } from './report-pdf';

export type RenderRequest =
  | { id: number; kind: 'report'; document: RenderSource; format: RenderFormat; options: PdfOptions; stream?: boolean }
  | { id: number; kind: 'changes'; changes: ReportChanges; paper: PaperSize };

/** The line chunks of a streamed render whose source said `more`, as they are read; then their end. */
export type ChunkMessage = { id: number; kind: 'chunk'; chunk: Uint8Array } | { id: number; kind: 'chunks-end'; error?: string };

/** The chunk feeds of renders under way, by request ID. */
const feeds = new Map<number, ReturnType<typeof arrivingChunks>>();

/** Streamed bytes leave in pieces of about this size (pdfkit writes many small ones). */
const STREAM_PIECE_BYTES = 64 * 1024;

/**
 * A streamed render sends its bytes as `chunk` replies while it draws, and then a final
 * reply with no bytes (the asker has them all).
 */
function render(request: RenderRequest) {
  if (request.kind === 'changes') return renderChangesPdf(request.changes, request.paper);
  if (!request.stream) return renderReportFile(renderSourceDocument(request.document), request.format, request.options);
  const source = request.document;
  const feed = 'stored' in source && source.more ? arrivingChunks(source.stored.chunks) : undefined;
  if (feed) feeds.set(request.id, feed);
  const { document, lines } = openRenderSource(source, feed);
  const pending: Buffer[] = [];
  let size = 0;
  const flush = () => {
    if (size === 0) return;
    const piece = new Uint8Array(size);
    let at = 0;
    for (const chunk of pending.splice(0)) {
      piece.set(chunk, at);
      at += chunk.length;
    }
    size = 0;
    port?.postMessage({ id: request.id, chunk: piece } satisfies RenderReply, [piece.buffer]);
  };
  let scheduled = false;
  const onChunk = (chunk: Buffer) => {
    pending.push(chunk);
    size += chunk.length;
    if (size >= STREAM_PIECE_BYTES) flush();
    else if (!scheduled) {
      // Whatever a slice of pages wrote leaves when the renderer yields (report-pdf.ts).
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        flush();
      });
    }
  };
  // A streamed render is a PDF (renderPdfStream).
  return renderReportPdfFile(document, request.options, onChunk, lines ?? undefined).then(({ pages }) => {
    flush();
    return { bytes: Buffer.alloc(0), pages };
  });
}

export type RenderReply =
  | { id: number; ok: true; bytes: Uint8Array; pages: number }
  | { id: number; ok: false; message: string }
  | { id: number; chunk: Uint8Array };

const port = parentPort;
if (!port) throw new Error('render-thread must run as a worker thread');

port.on('message', (request: RenderRequest | ChunkMessage) => {
  if (request.kind === 'chunk') return feeds.get(request.id)?.add(request.chunk);
  if (request.kind === 'chunks-end') return feeds.get(request.id)?.end(request.error);
  // Through a promise, so a document that throws while being laid out fails its own render
  // and the thread lives on.
  Promise.resolve()
    .then(() => render(request))
    .then(
      ({ bytes, pages }) => {
        const copy = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength).slice();
        port.postMessage({ id: request.id, ok: true, bytes: copy, pages } satisfies RenderReply, [copy.buffer]);
      },
      (error: unknown) =>
        port.postMessage({
          id: request.id,
          ok: false,
          message: error instanceof Error ? error.message : String(error),
        } satisfies RenderReply),
    )
    // Its chunk feed, if any, whatever the outcome (a render that throws at once included).
    .finally(() => feeds.delete(request.id));
});
