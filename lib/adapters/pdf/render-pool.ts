// Renders PDFs on a small pool of worker threads, so a 300-page general ledger does not
// stall the event loop of the process asking for it: a worker (its other jobs, its queue
// heartbeat) or the web server (every other request). `threads: 0` renders in-process.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReportDocument } from '../../domains/reports/documents';
import type { ReportChanges } from '../../domains/reports/changes';
import { renderChangesPdf } from './changes-pdf';
import { renderReportFile, type RenderFormat } from './render-file';
import type { PaperSize, PdfChunkSink, PdfOptions, RenderedPdf } from './report-pdf';
import type { ChunkMessage, RenderReply, RenderRequest } from './render-thread';
import { renderSourceDocument, type RenderSource } from './render-source';
import { metrics } from '../observability/metrics';

export interface PdfRenderer {
  render(document: ReportDocument, options?: PdfOptions): Promise<RenderedPdf>;
  /** Any download format (PDF, CSV, XLSX), on the same threads: nothing renders on the caller's event loop. */
  renderFile(document: RenderSource, format: RenderFormat, options?: PdfOptions): Promise<Buffer>;
  /**
   * A PDF whose bytes also reach `onChunk` while its later pages are still being drawn
   * (a 900-page general ledger starts downloading at once); resolves with all of them.
   * `moreChunks`: a stored general ledger's line chunks after those in `document`, as they
   * are read (the drawing waits for each when it reaches it); a throw fails the render.
   */
  renderPdfStream(
    document: RenderSource,
    options: PdfOptions,
    onChunk: PdfChunkSink,
    moreChunks?: AsyncIterable<Uint8Array>,
  ): Promise<Buffer>;
  /** "Changes since issued" (lib/domains/reports/changes.ts) as a PDF, on the same threads. */
  renderChanges(changes: ReportChanges, paper?: PaperSize): Promise<RenderedPdf>;
  close(): Promise<void>;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

interface Pending {
  request: RenderRequest;
  /** When a thread took it (performance.now()): the render time excludes the wait for a thread. */
  startedAt?: number;
  resolve: (result: RenderedPdf) => void;
  reject: (error: Error) => void;
  /** A streamed render: its pieces so far, and who receives each as it arrives. */
  stream?: { onChunk: PdfChunkSink; pieces: Buffer[] };
  /** Line chunks still to send to the thread (once it has the request), then their end. */
  feed?: Feed;
}

interface Feed {
  waiting: Uint8Array[];
  end: { error?: string } | null;
  endSent: boolean;
  thread: Worker | null;
}

/** The chunks as they are read, into `pending.feed` (sent on by `send` once a thread has the request). */
function readFeed(pending: Pending, chunks: AsyncIterable<Uint8Array>, send: () => void): void {
  const feed: Feed = { waiting: [], end: null, endSent: false, thread: null };
  pending.feed = feed;
  void (async () => {
    try {
      for await (const chunk of chunks) {
        feed.waiting.push(chunk);
        send();
      }
      feed.end = {};
    } catch (error) {
      feed.end = { error: error instanceof Error ? error.message : String(error) };
    }
    send();
  })();
}

/** Posts what the feed has read so far to the thread rendering it (transferred, not copied). */
function sendFeed(pending: Pending): void {
  const feed = pending.feed;
  if (!feed?.thread) return;
  for (const read of feed.waiting.splice(0)) {
    // Its buffer moves to the thread: a view into a larger one is copied out first.
    const chunk = read.byteOffset === 0 && read.byteLength === read.buffer.byteLength ? read : read.slice();
    feed.thread.postMessage({ id: pending.request.id, kind: 'chunk', chunk } satisfies ChunkMessage, [chunk.buffer as ArrayBuffer]);
  }
  if (feed.end && !feed.endSent) {
    feed.endSent = true;
    feed.thread.postMessage({ id: pending.request.id, kind: 'chunks-end', ...feed.end } satisfies ChunkMessage);
  }
}

interface Slot {
  worker: Worker;
  busy: Pending | null;
}

export function createPdfRenderer(options: { threads: number }): PdfRenderer {
  if (options.threads <= 0) {
    const timed = async (document: RenderSource, format: RenderFormat, pdfOptions: PdfOptions, onChunk?: PdfChunkSink) => {
      const startedAt = performance.now();
      const rendered = await renderReportFile(renderSourceDocument(document), format, pdfOptions, onChunk);
      metrics().renderDuration.observe({ format }, (performance.now() - startedAt) / 1000);
      return rendered;
    };
    return {
      render: (document, pdfOptions = {}) => timed(document, 'pdf', pdfOptions),
      renderFile: async (document, format, pdfOptions = {}) => (await timed(document, format, pdfOptions)).bytes,
      renderPdfStream: async (document, pdfOptions, onChunk, moreChunks) =>
        (await timed(await withAllChunks(document, moreChunks), 'pdf', pdfOptions, onChunk)).bytes,
      renderChanges: (changes, paper = 'A4') => renderChangesPdf(changes, paper),
      close: () => Promise.resolve(),
    };
  }
  const queue: Pending[] = [];
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;

  const dispatch = () => {
    for (const slot of slots) {
      if (slot.busy) continue;
      const next = queue.shift();
      if (!next) return;
      metrics().renderQueueDepth.dec();
      next.startedAt = performance.now();
      slot.busy = next;
      // A thread at work keeps the process alive until its answer arrives; an idle one does not.
      slot.worker.ref();
      slot.worker.postMessage(next.request);
      if (next.feed) {
        next.feed.thread = slot.worker;
        sendFeed(next);
      }
    }
  };

  const spawn = (): Slot => {
    const slot: Slot = { worker: new Worker(threadEntry()), busy: null };
    slot.worker.on('message', (reply: RenderReply) => {
      const pending = slot.busy;
      if ('chunk' in reply) {
        if (pending?.request.id !== reply.id || !pending.stream) return;
        const piece = Buffer.from(reply.chunk.buffer, reply.chunk.byteOffset, reply.chunk.byteLength);
        pending.stream.pieces.push(piece);
        pending.stream.onChunk(piece);
        return;
      }
      slot.busy = null;
      slot.worker.unref();
      if (pending?.request.id === reply.id) {
        if (pending.startedAt !== undefined) {
          metrics().renderDuration.observe(
            { format: pending.request.kind === 'changes' ? 'changes-pdf' : pending.request.format },
            (performance.now() - pending.startedAt) / 1000,
          );
        }
        if (reply.ok && pending.stream) pending.resolve({ bytes: Buffer.concat(pending.stream.pieces), pages: reply.pages });
        else if (reply.ok)
          pending.resolve({ bytes: Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength), pages: reply.pages });
        else pending.reject(new Error(`PDF rendering failed: ${reply.message}`));
      }
      dispatch();
    });
    // A thread that dies (out of memory on a huge document, say) fails its one job and is replaced.
    slot.worker.on('error', (error) => {
      slot.busy?.reject(error);
      slot.busy = null;
    });
    slot.worker.on('exit', () => {
      slot.busy?.reject(new Error('PDF render thread exited'));
      const index = slots.indexOf(slot);
      if (index >= 0) slots.splice(index, 1);
      if (!closed) {
        slots.push(spawn());
        dispatch();
      }
    });
    // Idle threads must not keep the process alive.
    slot.worker.unref();
    return slot;
  };

  for (let i = 0; i < options.threads; i += 1) slots.push(spawn());

  const enqueue = (request: DistributiveOmit<RenderRequest, 'id'>, onChunk?: PdfChunkSink, moreChunks?: AsyncIterable<Uint8Array>) => {
    if (closed) return Promise.reject(new Error('PDF renderer is closed'));
    return new Promise<RenderedPdf>((resolve, reject) => {
      const stream = onChunk ? { onChunk, pieces: [] } : undefined;
      const pending: Pending = { request: { ...request, id: nextId++ }, resolve, reject, ...(stream ? { stream } : {}) };
      if (moreChunks) readFeed(pending, moreChunks, () => sendFeed(pending));
      queue.push(pending);
      metrics().renderQueueDepth.inc();
      dispatch();
    });
  };
  return {
    render: (document, pdfOptions = {}) => enqueue({ kind: 'report', document, format: 'pdf', options: pdfOptions }),
    renderFile: async (document, format, pdfOptions = {}) =>
      (await enqueue({ kind: 'report', document, format, options: pdfOptions })).bytes,
    renderPdfStream: async (document, pdfOptions, onChunk, moreChunks) =>
      (await enqueue({ kind: 'report', document, format: 'pdf', options: pdfOptions, stream: true }, onChunk, moreChunks)).bytes,
    renderChanges: (changes, paper = 'A4') => enqueue({ kind: 'changes', changes, paper }),
    async close() {
      closed = true;
      for (const pending of queue.splice(0)) {
        metrics().renderQueueDepth.dec();
        pending.reject(new Error('PDF renderer is closed'));
      }
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}

/** In-process rendering reads the chunks still to come first (tests, `threads: 0`). */
async function withAllChunks(document: RenderSource, moreChunks?: AsyncIterable<Uint8Array>): Promise<RenderSource> {
  if (!moreChunks || !('stored' in document)) return document;
  const chunks = [...document.stored.chunks];
  for await (const chunk of moreChunks) chunks.push(chunk);
  return { stored: { document: document.stored.document, chunks } };
}

/**
 * The thread's entry file. Next.js bundles server code, so `__dirname` there is not this
 * folder: fall back to the source tree the app runs from.
 */
function threadEntry(): string {
  const candidates = [
    path.join(__dirname, 'render-thread-entry.cjs'),
    path.join(process.cwd(), 'lib', 'adapters', 'pdf', 'render-thread-entry.cjs'),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`PDF render thread entry not found (looked in ${candidates.join(', ')})`);
  return found;
}

/**
 * A renderer whose threads start on the first render, so a process (or a test) that never
 * renders a PDF never starts one. Each AppContext holds one.
 */
export function createLazyPdfRenderer(options: { threads: number }): PdfRenderer {
  let renderer: PdfRenderer | undefined;
  let closed = false;
  return {
    render(document, pdfOptions) {
      if (closed) return Promise.reject(new Error('PDF renderer is closed'));
      renderer ??= createPdfRenderer(options);
      return renderer.render(document, pdfOptions);
    },
    renderFile(document, format, pdfOptions) {
      if (closed) return Promise.reject(new Error('PDF renderer is closed'));
      renderer ??= createPdfRenderer(options);
      return renderer.renderFile(document, format, pdfOptions);
    },
    renderPdfStream(document, pdfOptions, onChunk, moreChunks) {
      if (closed) return Promise.reject(new Error('PDF renderer is closed'));
      renderer ??= createPdfRenderer(options);
      return renderer.renderPdfStream(document, pdfOptions, onChunk, moreChunks);
    },
    renderChanges(changes, paper) {
      if (closed) return Promise.reject(new Error('PDF renderer is closed'));
      renderer ??= createPdfRenderer(options);
      return renderer.renderChanges(changes, paper);
    },
    async close() {
      closed = true;
      await renderer?.close();
    },
  };
}
