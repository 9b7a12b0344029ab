// A report as the read side stores it, back into the document a renderer lays out. Used on
// the render threads (lib/adapters/pdf/render-source.ts): a month of 40,000 ledger lines is
// ~10 MB of BSON, whose decoding (0.3–0.5 s) and copy to a render thread (0.1–0.15 s) blocked
// the web process's event loop on every cold download or refresh of it (store.ts,
// findStoredReport, reads the bytes undecoded).
import { deserialize } from 'bson';
import type { ReportDocument } from './index';
import type { LedgerLine } from './general-ledger';

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

/** What findReport answers, from findStoredReport's bytes. */
export function decodeStoredReport(stored: StoredReportBytes): ReportDocument {
  const document = deserialize(stored.document) as ReportDocument & { lineChunks?: LineChunksRef };
  return assembleLines(
    document,
    stored.chunks.map((chunk) => deserialize(chunk) as LineChunkParts),
  );
}
