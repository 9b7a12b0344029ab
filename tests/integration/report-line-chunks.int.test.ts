// A general ledger too large for one MongoDB document (16 MB) is stored with its lines in
// chunk documents (lib/domains/reports/line-chunks.ts): read back whole, replaced by a newer
// build (the chunks of the build it replaced are dropped by the next one, so a streamed read
// of the replaced document still finds its lines), never overwritten by an older one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeneralLedgerDocument, LedgerLine } from '../../lib/domains/reports/documents/general-ledger';
import { reportObjectId } from '../../lib/domains/reports/ids';
import { INLINE_LINES, REPORT_LINE_CHUNKS_COLLECTION } from '../../lib/domains/reports/line-chunks';
import {
  findReport,
  findStoredReport,
  openStoredReportStream,
  reportsCollection,
  saveReportIfNewer,
  saveReportsIfNewer,
} from '../../lib/domains/reports/store';
import { decodeStoredReport } from '../../lib/domains/reports/documents/stored';
import { reportEtag } from '../../lib/domains/reports/files';
import { deleteUncommittedSnapshots, findSnapshot, writeSnapshot } from '../../lib/domains/report-runs/snapshot-store';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
const organizationId = '0b5c9a52-3c1e-4a57-9d1e-3f0d2a6c7e11';

function ledger(asOfSequence: number, linesPerAccount: number, memo = 'Sale'): GeneralLedgerDocument {
  const line = (index: number): LedgerLine => ({
    date: '2026-10-15',
    sequence: index + 1,
    entryId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    memo: `${memo} ${index}`,
    reference: `R-${index}`,
    description: null,
    debit: '1.00',
    credit: '0.00',
    balance: `${index + 1}.00`,
  });
  const account = (code: string) => ({
    accountCode: code,
    accountName: `Account ${code}`,
    accountType: 'asset' as const,
    balanceDirection: 'debit' as const,
    opening: '0.00',
    lines: Array.from({ length: linesPerAccount }, (_, index) => line(index)),
    totals: { debit: `${linesPerAccount}.00`, credit: '0.00' },
    closing: `${linesPerAccount}.00`,
  });
  return {
    id: reportObjectId(organizationId, 'general-ledger', '2026-10').toHexString(),
    type: 'general-ledger',
    organizationId,
    organizationName: 'Chunky Ltd',
    period: '2026-10',
    periodStart: '2026-10-01',
    periodEnd: '2026-10-31',
    fiscalYearStart: '2026-01',
    periodClosed: false,
    currency: 'EUR',
    asOfSequence,
    ledgerHash: 'ab'.repeat(32),
    builtAt: new Date(Date.UTC(2026, 10, 30, 12, 0, asOfSequence)).toISOString(),
    schemaVersion: 1,
    accounts: [account('1000'), account('1100'), account('4000')],
    totals: { debit: `${3 * linesPerAccount}.00`, credit: '0.00' },
  };
}

const chunks = () => ctx.db.collection(REPORT_LINE_CHUNKS_COLLECTION).countDocuments({});
const id = () => reportObjectId(organizationId, 'general-ledger', '2026-10');

beforeAll(async () => {
  ctx = await createTestContext();
});

afterAll(async () => {
  await ctx.close();
});

describe('large general ledgers', () => {
  it('are stored in chunks and read back whole, in order', async () => {
    const big = ledger(10, 12_000);
    expect(3 * 12_000).toBeGreaterThan(INLINE_LINES);
    expect(await saveReportsIfNewer(ctx.db, [big])).toEqual(['inserted']);
    const stored = await reportsCollection(ctx.db).findOne({ _id: id() });
    expect(stored?.type === 'general-ledger' && stored.accounts.every((account) => account.lines.length === 0)).toBe(true);
    expect(await chunks()).toBeGreaterThan(1);
    expect(await findReport(ctx.db, id())).toEqual(big);
    await expectSameUndecoded(big);
  });

  it('a newer build replaces it; the chunks of the build it replaced go with the next one; an older build is refused and leaves none behind', async () => {
    const perBuild = await chunks();
    const first = await openStoredReportStream(ctx.db, id()); // a download that read the document just before the next save
    const newer = ledger(20, 12_000, 'Newer');
    expect(await saveReportsIfNewer(ctx.db, [newer])).toEqual(['replaced']);
    expect(await chunks()).toBe(2 * perBuild);
    expect(first).not.toBeNull();
    const streamed: Uint8Array[] = [];
    for await (const chunk of first?.chunks ?? []) streamed.push(chunk);
    expect(streamed).toHaveLength(perBuild);
    expect(await saveReportIfNewer(ctx.db, ledger(15, 12_000, 'Older'))).toBe('stale');
    expect(await chunks()).toBe(2 * perBuild);
    const newest = ledger(25, 12_000, 'Newest');
    const second = await openStoredReportStream(ctx.db, id());
    expect(await saveReportsIfNewer(ctx.db, [newest])).toEqual(['replaced']);
    expect(await chunks()).toBe(2 * perBuild);
    expect(await saveReportsIfNewer(ctx.db, [ledger(26, 12_000, 'Newest')])).toEqual(['replaced']);
    // Two builds after the one it read: its chunks are gone, and the stream says so.
    await expect(
      (async () => {
        for await (const chunk of second?.chunks ?? []) expect(chunk.length).toBeGreaterThan(0);
      })(),
    ).rejects.toThrow(/replaced meanwhile/);
    expect(await findReport(ctx.db, id())).toEqual(ledger(26, 12_000, 'Newest'));
    await expectSameUndecoded(ledger(26, 12_000, 'Newest'), perBuild);
  });

  it('a small one is stored inline again, and the chunks go', async () => {
    const small = ledger(30, 10);
    expect(await saveReportIfNewer(ctx.db, small)).toBe('replaced');
    expect(await chunks()).toBe(0);
    expect(await findReport(ctx.db, id())).toEqual(small);
    await expectSameUndecoded(small, 0);
  });
});

/**
 * The bytes the render threads get (findStoredReport, decoded there by decodeStoredReport)
 * are the document findReport answers, and the head alone names the same ETag.
 */
async function expectSameUndecoded(document: GeneralLedgerDocument, chunkCount?: number) {
  const stored = await findStoredReport(ctx.db, id());
  expect(stored).not.toBeNull();
  if (!stored) return;
  expect(decodeStoredReport(stored)).toEqual(document);
  expect(reportEtag(stored.head, 'pdf-A4-en')).toBe(reportEtag(document, 'pdf-A4-en'));
  expect(stored.chunks.length).toBe(chunkCount ?? (await chunks()));
  const streamed = await openStoredReportStream(ctx.db, id());
  const read: Uint8Array[] = [];
  for await (const chunk of streamed?.chunks ?? []) read.push(chunk);
  // Byte for byte (toEqual walks a typed array element by element: seconds per megabyte).
  expect(read.length).toBe(stored.chunks.length);
  expect(Buffer.concat(read).equals(Buffer.concat(stored.chunks))).toBe(true);
  expect(Buffer.from(streamed?.document ?? []).equals(Buffer.from(stored.document))).toBe(true);
}

describe('report-run snapshots of a large general ledger', () => {
  it('freeze the lines in chunks and read back whole; an uncommitted one leaves no chunks', async () => {
    const before = await chunks();
    const runId = '5a0c4d8e-7f1b-4c2a-9e3d-6b8a1f2c3d4e';
    const frozen = ledger(40, 12_000, 'Frozen');
    const pdf = Buffer.from('%PDF-1.7 stand-in');
    const kept = await writeSnapshot(ctx.db, { runId, document: frozen, pdf, pages: 1, now: new Date() });
    const dropped = await writeSnapshot(ctx.db, { runId, document: frozen, pdf, pages: 1, now: new Date() });
    expect(await chunks()).toBeGreaterThan(before);
    expect((await findSnapshot(ctx.db, kept.id))?.document).toEqual(frozen);
    expect(await deleteUncommittedSnapshots(ctx.db, runId, organizationId, [kept.id])).toBe(1);
    expect(await findSnapshot(ctx.db, dropped.id)).toBeNull();
    expect((await findSnapshot(ctx.db, kept.id))?.document).toEqual(frozen);
    const perSnapshot = (await chunks()) - before;
    await deleteUncommittedSnapshots(ctx.db, runId, organizationId, []);
    expect(await chunks()).toBe(before);
    expect(perSnapshot).toBeGreaterThan(0);
  });
});
