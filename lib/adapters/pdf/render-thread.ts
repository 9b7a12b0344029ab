// A render thread: receives report documents, answers with the file's bytes (transferred,
// not copied) and, for a PDF, the page count. Runs pdfkit (and exceljs, and the CSV
// writer) off the event loop of the process asking: a worker, or the web server.
import { parentPort } from 'node:worker_threads';
import type { ReportDocument } from '../../domains/reports/documents';
import type { ReportChanges } from '../../domains/reports/changes';
import { renderChangesPdf } from './changes-pdf';
import { renderReportFile, type RenderFormat } from './render-file';
import type { PaperSize, PdfOptions } from './report-pdf';

export type RenderRequest =
  | { id: number; kind: 'report'; document: ReportDocument; format: RenderFormat; options: PdfOptions }
  | { id: number; kind: 'changes'; changes: ReportChanges; paper: PaperSize };

function render(request: RenderRequest) {
  return request.kind === 'changes'
    ? renderChangesPdf(request.changes, request.paper)
    : renderReportFile(request.document, request.format, request.options);
}

export type RenderReply = { id: number; ok: true; bytes: Uint8Array; pages: number } | { id: number; ok: false; message: string };

const port = parentPort;
if (!port) throw new Error('render-thread must run as a worker thread');

port.on('message', (request: RenderRequest) => {
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
    );
});
