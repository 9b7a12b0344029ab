// A stored general ledger streams from its chunks (render-source.ts, documents/stored.ts):
// the same PDF as its decoded document, and its first bytes before the last chunk is decoded.
import { BSON, ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../domains/reports/commands/rebuild-report';
import { decodeStoredReport } from '../../domains/reports/documents/stored';
import { INLINE_LINES, prepareReport } from '../../domains/reports/line-chunks';
import { longGeneralLedgerInputs } from '../../domains/reports/projections/fixtures';
import { openRenderSource } from './render-source';
import { renderReportPdfFile } from './report-pdf';

const OPTIONS = { paper: 'A4', printedAt: '2026-11-30T09:00:00.000Z' } as const;

/** pdfkit stamps the moment of rendering (CreationDate) and an ID derived from it: everything else must match. */
const withoutRenderTime = (pdf: Buffer) =>
  pdf
    .toString('latin1')
    .replace(/\(D:\d{14}Z\)/g, '')
    .replace(/\/ID \[[^\]]*\]/g, '');

function storedLedger(lines: number) {
  const document = buildReport('general-ledger', longGeneralLedgerInputs(lines));
  const prepared = prepareReport(new ObjectId(), document);
  return {
    document,
    stored: { document: BSON.serialize(prepared.document), chunks: prepared.chunks.map((chunk) => BSON.serialize(chunk)) },
  };
}

describe('a stored general ledger rendered from its chunks', () => {
  it('is the same PDF as its decoded document, and as the document it was built from', async () => {
    const { document, stored } = storedLedger(INLINE_LINES + 2_500);
    expect(stored.chunks.length).toBeGreaterThan(1);
    const source = openRenderSource({ stored });
    expect(source.lines).not.toBeNull();
    const streamed = await renderReportPdfFile(source.document, OPTIONS, undefined, source.lines ?? undefined);
    const decoded = await renderReportPdfFile(decodeStoredReport(stored), OPTIONS);
    const built = await renderReportPdfFile(document, OPTIONS);
    expect(streamed.pages).toBe(built.pages);
    expect(withoutRenderTime(streamed.bytes)).toBe(withoutRenderTime(decoded.bytes));
    expect(withoutRenderTime(streamed.bytes)).toBe(withoutRenderTime(built.bytes));
  }, 60_000);

  it('writes its first pages before it decodes the last chunk', async () => {
    const { stored } = storedLedger(INLINE_LINES + 2_500);
    // The last chunk is not BSON: decoding it throws, but only when the drawing reaches it.
    const broken = { ...stored, chunks: [...stored.chunks.slice(0, -1), Uint8Array.from([1, 2, 3])] };
    const source = openRenderSource({ stored: broken });
    let bytesBeforeFailure = 0;
    await expect(
      renderReportPdfFile(source.document, OPTIONS, (chunk) => (bytesBeforeFailure += chunk.length), source.lines ?? undefined),
    ).rejects.toThrow();
    expect(bytesBeforeFailure).toBeGreaterThan(100_000);
  }, 60_000);

  it('is a plain document when its lines are inline', () => {
    const { stored } = storedLedger(200);
    expect(stored.chunks).toHaveLength(0);
    expect(openRenderSource({ stored }).lines).toBeNull();
  });
});
