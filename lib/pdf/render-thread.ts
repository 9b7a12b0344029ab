// A PDF render thread: receives report documents, answers with the PDF bytes (transferred,
// not copied) and the page count. Runs pdfkit off the worker process's event loop.
import { parentPort } from 'node:worker_threads';
import type { ReportDocument } from '../reports/documents';
import { renderReportPdfFile, type PaperSize } from './report-pdf';

export interface RenderRequest {
  id: number;
  document: ReportDocument;
  paper: PaperSize;
}

export type RenderReply = { id: number; ok: true; bytes: Uint8Array; pages: number } | { id: number; ok: false; message: string };

const port = parentPort;
if (!port) throw new Error('render-thread must run as a worker thread');

port.on('message', (request: RenderRequest) => {
  // Through a promise, so a document that throws while being laid out fails its own render
  // and the thread lives on.
  Promise.resolve()
    .then(() => renderReportPdfFile(request.document, request.paper))
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
    );
});
