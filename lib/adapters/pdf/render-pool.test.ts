// The render pool on real worker threads: the same PDF as in-process rendering, a broken
// document fails its own render only, and the pool goes on.
import { afterAll, describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../domains/reports/documents';
import { execFileSync } from 'node:child_process';
import { HISTORY, inputsFor, longGeneralLedgerInputs } from '../../domains/reports/projections/fixtures';
import { buildGeneralLedger } from '../../domains/reports/projections/general-ledger';
import { buildTrialBalance } from '../../domains/reports/projections/trial-balance';
import { BSON, ObjectId } from 'mongodb';
import { INLINE_LINES, prepareReport } from '../../domains/reports/line-chunks';
import { createPdfRenderer } from './render-pool';

const document = buildTrialBalance(inputsFor({ history: HISTORY, period: '2026-02', fiscalYearStartMonth: 1 }));
const pool = createPdfRenderer({ threads: 2 });
const inProcess = createPdfRenderer({ threads: 0 });

afterAll(async () => {
  await pool.close();
});

describe('createPdfRenderer', () => {
  it('renders on a thread what it renders in-process', async () => {
    const [threaded, local] = await Promise.all([pool.render(document), inProcess.render(document)]);
    expect(threaded.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(threaded.pages).toBe(local.pages);
    // Same content; only the creation date in the metadata may differ.
    const strip = (pdf: Buffer) => pdf.toString('latin1').replace(/\/CreationDate \(D:[^)]*\)/g, '');
    expect(strip(threaded.bytes).length).toBe(strip(local.bytes).length);
  });

  it('fails a broken document alone and keeps rendering the others', async () => {
    const broken = { ...document, rows: null } as unknown as ReportDocument;
    const results = await Promise.allSettled([pool.render(broken), pool.render(document), pool.render(document)]);
    expect(results[0]?.status).toBe('rejected');
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/PDF rendering failed/);
    expect(results.slice(1).map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
  });

  it('streams a long PDF: its first pages arrive while the rest is drawn, and the pieces are the file', async () => {
    const ledger = buildGeneralLedger(longGeneralLedgerInputs(3_000));
    const pieces: { at: number; bytes: Buffer }[] = [];
    const started = performance.now();
    let finishedAt = 0;
    const whole = await pool
      .renderPdfStream(ledger, { printedAt: '2026-11-30T12:00:00Z' }, (bytes) => pieces.push({ at: performance.now(), bytes }))
      .finally(() => (finishedAt = performance.now()));
    expect(pieces.length).toBeGreaterThan(3);
    expect(Buffer.concat(pieces.map((piece) => piece.bytes)).equals(whole)).toBe(true);
    // The first piece (the file's start and its first pages) left long before the last page was drawn.
    expect((pieces[0]?.at ?? Infinity) - started).toBeLessThan((finishedAt - started) / 2);
    // "Page X of Y" is right on every page, although Y was unknown when the first pages left.
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: whole }).toString('utf8').split('\f').filter(Boolean);
    expect(text.length).toBeGreaterThan(50);
    text.forEach((page, index) => expect(page).toContain(`Page ${index + 1} of ${text.length}`));
  });

  it('streams a stored general ledger whose line chunks arrive while it draws: first pages before the last chunk, the same PDF', async () => {
    const ledger = buildGeneralLedger(longGeneralLedgerInputs(INLINE_LINES + 6_000));
    const prepared = prepareReport(new ObjectId(), ledger);
    const chunks = prepared.chunks.map((chunk) => BSON.serialize(chunk));
    expect(chunks.length).toBeGreaterThan(2);
    const events: string[] = [];
    let lastChunkSent = false;
    async function* slowly(): AsyncGenerator<Uint8Array> {
      for (const [index, chunk] of chunks.entries()) {
        await new Promise((resolve) => setTimeout(resolve, index === chunks.length - 1 ? 300 : 20));
        lastChunkSent = index === chunks.length - 1;
        yield chunk.slice();
      }
    }
    const options = { printedAt: '2026-11-30T12:00:00Z' };
    const streamed = await pool.renderPdfStream(
      { stored: { document: BSON.serialize(prepared.document), chunks: [] }, more: true },
      options,
      () => events.push(lastChunkSent ? 'after' : 'before'),
      slowly(),
    );
    expect(events[0]).toBe('before');
    const whole = await inProcess.renderPdfStream(ledger, options, () => undefined);
    const strip = (pdf: Buffer) =>
      pdf
        .toString('latin1')
        .replace(/\(D:\d{14}Z\)/g, '')
        .replace(/\/ID \[[^\]]*\]/g, '');
    expect(strip(streamed)).toBe(strip(whole));
  }, 60_000);

  it('fails a streamed render whose chunks cannot all be read, and goes on', async () => {
    const ledger = buildGeneralLedger(longGeneralLedgerInputs(INLINE_LINES + 6_000));
    const prepared = prepareReport(new ObjectId(), ledger);
    async function* vanishing(): AsyncGenerator<Uint8Array> {
      yield BSON.serialize(prepared.chunks[0] ?? {});
      await Promise.resolve();
      throw new Error('line chunks replaced meanwhile');
    }
    await expect(
      pool.renderPdfStream(
        { stored: { document: BSON.serialize(prepared.document), chunks: [] }, more: true },
        {},
        () => undefined,
        vanishing(),
      ),
    ).rejects.toThrow(/replaced meanwhile/);
    expect((await pool.render(document)).pages).toBe(1);
  }, 60_000);

  it('refuses work once closed', async () => {
    const closing = createPdfRenderer({ threads: 1 });
    await closing.close();
    await expect(closing.render(document)).rejects.toThrow(/closed/);
  });
});
