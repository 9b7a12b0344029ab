// A report as the read side stores it, back into the document a renderer lays out. Used on
// the render threads (lib/adapters/pdf/render-source.ts): a month of 40,000 ledger lines is
// ~10 MB of BSON, whose decoding (0.3–0.5 s) and copy to a render thread (0.1–0.15 s) blocked
// the web process's event loop on every cold download or refresh of it (store.ts,
// findStoredReport, reads the bytes undecoded).
import { deserialize } from 'bson';
import type { ReportDocument } from './index';
import type { LedgerLine } from './general-ledger';
import { LINES_PENDING, type LedgerLinesSource, type LinesPending } from '../table';

/** Where a large general ledger's lines are (store.ts, line-chunks.ts). */
export interface LineChunksRef {
  version: string;
  count: number;
}

/** One chunk's lines: consecutive lines of the month, in document order, by account position. */
export interface LineChunkParts {
  parts: { account: number; lines: LedgerLine[] }[];
}

/** The stored document's BSON and its line chunks' BSON, in index order. */
export interface StoredReportBytes {
  document: Uint8Array;
  chunks: Uint8Array[];
}

/** The stored document and its chunks (in index order) as one document, without `lineChunks`. */
export function assembleLines(stored: ReportDocument & { lineChunks?: LineChunksRef }, chunks: readonly LineChunkParts[]): ReportDocument {
  const { lineChunks, ...document } = stored;
  if (!lineChunks || document.type !== 'general-ledger') return document;
  const accounts = document.accounts.map((account) => ({ ...account, lines: [] as LedgerLine[] }));
  for (const chunk of chunks) {
    for (const part of chunk.parts) accounts[part.account]?.lines.push(...part.lines);
  }
  return { ...document, accounts };
}

/**
 * A stored general ledger's line chunks as they arrive: chunk `index`'s BSON, 'pending' when
 * it has not arrived yet, null past the last. Throws when the chunks cannot all be had (the
 * version was replaced and deleted while being read).
 */
export interface LineChunkFeed {
  chunk(index: number): Uint8Array | 'pending' | null;
  /** Resolves when another chunk (or the end) may have arrived. */
  arrival(): Promise<void>;
}

/** All of the chunks at once. */
export function chunksAtHand(chunks: readonly Uint8Array[]): LineChunkFeed {
  return { chunk: (index) => chunks[index] ?? null, arrival: () => Promise.resolve() };
}

/**
 * The stored document with its general ledger lines left in their chunks: `lines` decodes
 * one chunk at a time as it is iterated (once), in document order, yielding LINES_PENDING
 * while the next chunk is still on its way. A streamed PDF's first page then waits for the
 * first chunk only (a 40,000-line month: ~40 ms instead of 0.3–0.5 s for all of them).
 * Null when the lines are in the document itself.
 */
export function openStoredReport(document: Uint8Array, feed: LineChunkFeed): { document: ReportDocument; lines: LedgerLinesSource | null } {
  const head = deserialize(document) as ReportDocument & { lineChunks?: LineChunksRef };
  const chunked = head.lineChunks !== undefined && head.type === 'general-ledger';
  return { document: assembleLines(head, []), lines: chunked ? { parts: chunkParts(feed), arrival: () => feed.arrival() } : null };
}

function* chunkParts(feed: LineChunkFeed): Generator<LineChunkParts['parts'][number] | LinesPending> {
  for (let index = 0; ; index++) {
    let chunk = feed.chunk(index);
    for (; chunk === 'pending'; chunk = feed.chunk(index)) yield LINES_PENDING;
    if (chunk === null) return;
    yield* (deserialize(chunk) as LineChunkParts).parts;
  }
}

/** What findReport answers, from findStoredReport's bytes. */
export function decodeStoredReport(stored: StoredReportBytes): ReportDocument {
  const document = deserialize(stored.document) as ReportDocument & { lineChunks?: LineChunksRef };
  return assembleLines(
    document,
    stored.chunks.map((chunk) => deserialize(chunk) as LineChunkParts),
  );
}
