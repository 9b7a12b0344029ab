// What a render thread is asked to render: a document, or a stored report's BSON (store.ts,
// findStoredReport), decoded on the render thread so that a 10 MB general ledger never
// decodes on the asking process's event loop. A streamed PDF of a stored general ledger may
// start with only some of its line chunks (`more`): the rest follow as they are read from
// MongoDB (render-pool.ts) and the drawing waits for each as it reaches it.
import type { ReportDocument } from '../../domains/reports/documents';
import {
  chunksAtHand,
  decodeStoredReport,
  openStoredReport,
  type LineChunkFeed,
  type StoredReportBytes,
} from '../../domains/reports/documents/stored';
import type { LedgerLinesSource } from '../../domains/reports/table';

export type RenderSource = ReportDocument | { stored: StoredReportBytes; more?: true };

export function renderSourceDocument(source: RenderSource): ReportDocument {
  return 'stored' in source ? decodeStoredReport(source.stored) : source;
}

/** The document, and for a stored general ledger its lines still to be decoded chunk by chunk (a streamed PDF reads them as it draws). */
export function openRenderSource(
  source: RenderSource,
  feed?: LineChunkFeed,
): { document: ReportDocument; lines: LedgerLinesSource | null } {
  if (!('stored' in source)) return { document: source, lines: null };
  return openStoredReport(source.stored.document, feed ?? chunksAtHand(source.stored.chunks));
}

/** Line chunks that arrive one by one (`add`), then `end` (with the reason when not all could be read). */
export function arrivingChunks(
  initial: readonly Uint8Array[],
): LineChunkFeed & { add(chunk: Uint8Array): void; end(error?: string): void } {
  const chunks = [...initial];
  let ended: { error?: string } | null = null;
  let waiters: (() => void)[] = [];
  const wake = () => {
    const woken = waiters;
    waiters = [];
    for (const resolve of woken) resolve();
  };
  return {
    chunk(index) {
      if (index < chunks.length) return chunks[index] ?? null;
      if (!ended) return 'pending';
      if (ended.error !== undefined) throw new Error(ended.error);
      return null;
    },
    arrival: () => (ended ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    add(chunk) {
      chunks.push(chunk);
      wake();
    },
    end(error) {
      ended = error === undefined ? {} : { error };
      wake();
    },
  };
}
