// A large general ledger is not one MongoDB document: a month of 80,000 lines is ~17 MB of
// BSON, past MongoDB's 16 MB limit (seen in `npm run bench`'s 1,000,000-line import, where
// every rebuild of such a month failed). Above INLINE_LINES the month's lines are stored in
// chunk documents of LINES_PER_CHUNK lines each, under a version unique to the build; the
// report document keeps everything else and names the version (`lineChunks`).
//
// Order of writes, so a reader never sees a document whose lines are missing: the chunks
// first, then the report document (the asOfSequence-guarded write of store.ts). A build that
// loses that race deletes its own chunks; one that wins deletes the chunks of older builds
// but the one it replaced (settleChunks). A reader that finds fewer chunks than the document
// names (two newer builds replaced it in between) reads the document again, or, streaming,
// fails the download it had begun.
import { ObjectId, type Collection, type Db } from 'mongodb';
import type { ReportDocument } from './documents';
import type { LedgerLine } from './documents/general-ledger';
import { assembleLines, type LineChunksRef } from './documents/stored';

export const REPORT_LINE_CHUNKS_COLLECTION = 'report_line_chunks';
/** A general ledger with more lines than this keeps them in chunks (~2 MB inline at most). */
export const INLINE_LINES = 10_000;
const LINES_PER_CHUNK = 5_000;

export type { LineChunksRef } from './documents/stored';

interface LineChunk {
  _id: ObjectId;
  report: ObjectId;
  version: string;
  asOfSequence: number;
  index: number;
  /** Consecutive lines of the month, in document order, by account position. */
  parts: { account: number; lines: LedgerLine[] }[];
}

function chunksCollection(db: Db): Collection<LineChunk> {
  return db.collection<LineChunk>(REPORT_LINE_CHUNKS_COLLECTION);
}

export interface PreparedReport {
  /** What goes into the reports collection: the lines moved out when chunked. */
  document: ReportDocument & { lineChunks?: LineChunksRef };
  chunks: LineChunk[];
}

/** Splits a large general ledger's lines into chunks; anything else is stored as it is. */
export function prepareReport(report: ObjectId, document: ReportDocument): PreparedReport {
  if (document.type !== 'general-ledger') return { document, chunks: [] };
  const total = document.accounts.reduce((sum, account) => sum + account.lines.length, 0);
  if (total <= INLINE_LINES) return { document, chunks: [] };
  const version = new ObjectId().toHexString();
  const chunks: LineChunk[] = [];
  let parts: LineChunk['parts'] = [];
  let size = 0;
  const flush = () => {
    if (size === 0) return;
    chunks.push({ _id: new ObjectId(), report, version, asOfSequence: document.asOfSequence, index: chunks.length, parts });
    parts = [];
    size = 0;
  };
  document.accounts.forEach((account, position) => {
    for (let start = 0; start < account.lines.length;) {
      const take = Math.min(LINES_PER_CHUNK - size, account.lines.length - start);
      parts.push({ account: position, lines: account.lines.slice(start, start + take) });
      size += take;
      start += take;
      if (size >= LINES_PER_CHUNK) flush();
    }
  });
  flush();
  return {
    document: {
      ...document,
      accounts: document.accounts.map((account) => ({ ...account, lines: [] })),
      lineChunks: { version, count: chunks.length },
    },
    chunks,
  };
}

const indexed = new WeakSet<Db>();

/**
 * A month's chunks are read by (report, version) in index order, and cleaned up by report:
 * without this index every read of a large general ledger scans every chunk of every report
 * on a real MongoDB. Idempotent; once per process.
 */
async function ensureChunkIndex(db: Db): Promise<void> {
  if (indexed.has(db)) return;
  await chunksCollection(db).createIndex({ report: 1, version: 1, index: 1 });
  indexed.add(db);
}

/**
 * One insert per chunk (~1 MB each), not one insertMany of all of them: the in-process
 * MongoDB-wire test double (CongoServer) appends every TCP packet of a message to one
 * growing Buffer, so the ~17 MB insertMany of an 83,000-line month copied gigabytes (over a
 * second of CPU per build in `npm run bench`'s 1,000,000-line import); 1 MB messages cost
 * next to nothing there. On a real server this is a few more round trips per large ledger.
 */
export async function writeChunks(db: Db, prepared: PreparedReport): Promise<void> {
  if (prepared.chunks.length === 0) return;
  await ensureChunkIndex(db);
  for (const chunk of prepared.chunks) await chunksCollection(db).insertOne(chunk);
}

/**
 * After the report write: a lost race drops this build's chunks; a won one drops the older
 * builds' except the newest of them (the build it replaced), which goes with the next win. A streamed download reads the document first and its chunks after it
 * (openStoredReportStream, store.ts): one that read the replaced document a moment before
 * this save still finds its lines.
 */
export async function settleChunks(db: Db, report: ObjectId, prepared: PreparedReport, saved: boolean): Promise<void> {
  const version = prepared.document.lineChunks?.version;
  if (!saved) {
    if (version) await chunksCollection(db).deleteMany({ report, version });
    return;
  }
  const asOfSequence = prepared.document.asOfSequence;
  // An inline build keeps none: a month's ledger only grows, so the one it replaced was inline too.
  const [replaced] = version
    ? await chunksCollection(db)
        .find({ report, index: 0, asOfSequence: { $lt: asOfSequence } }, { projection: { _id: 0, version: 1 } })
        .sort({ asOfSequence: -1 })
        .limit(1)
        .toArray()
    : [];
  const keep = version ? [version, ...(replaced ? [replaced.version] : [])] : [];
  await chunksCollection(db).deleteMany({
    report,
    asOfSequence: { $lte: asOfSequence },
    ...(keep.length > 0 ? { version: { $nin: keep } } : {}),
  });
}

/** Drops the line chunks of documents that are gone (report-run snapshots deleted as uncommitted). */
export async function deleteLineChunks(db: Db, reports: readonly ObjectId[]): Promise<void> {
  if (reports.length > 0) await chunksCollection(db).deleteMany({ report: { $in: [...reports] } });
}

/**
 * The document with its lines back in place; null when the chunks it names are gone (a
 * newer build replaced the document meanwhile: read it again).
 */
export async function withLines(
  db: Db,
  report: ObjectId,
  stored: ReportDocument & { lineChunks?: LineChunksRef },
): Promise<ReportDocument | null> {
  if (!stored.lineChunks || stored.type !== 'general-ledger') return assembleLines(stored, []);
  await ensureChunkIndex(db);
  const chunks = await chunksCollection(db).find({ report, version: stored.lineChunks.version }).sort({ index: 1 }).toArray();
  if (chunks.length !== stored.lineChunks.count) return null;
  return assembleLines(stored, chunks);
}

/**
 * The BSON of a general ledger's line chunks, in order, undecoded (store.ts, findStoredReport);
 * null when fewer than `ref.count` are there (a newer build replaced them: read again).
 */
export async function rawLineChunks(db: Db, report: ObjectId, ref: LineChunksRef): Promise<Uint8Array[] | null> {
  await ensureChunkIndex(db);
  const chunks = (await chunksCollection(db)
    .find({ report, version: ref.version }, { raw: true, projection: { parts: 1 } })
    .sort({ index: 1 })
    .toArray()) as unknown as Uint8Array[];
  return chunks.length === ref.count ? chunks : null;
}

/**
 * rawLineChunks one chunk at a time (a cursor of one document per batch), each copied out of
 * the driver's buffer: a streamed render starts on the first while the rest are read.
 */
export async function* streamRawLineChunks(db: Db, report: ObjectId, ref: LineChunksRef): AsyncGenerator<Uint8Array> {
  await ensureChunkIndex(db);
  const cursor = chunksCollection(db)
    .find({ report, version: ref.version }, { raw: true, projection: { parts: 1 }, batchSize: 1 })
    .sort({ index: 1 });
  let count = 0;
  for await (const chunk of cursor as unknown as AsyncIterable<Uint8Array>) {
    count += 1;
    yield new Uint8Array(chunk);
  }
  if (count !== ref.count) throw new Error(`line chunks ${ref.version}: ${count} of ${ref.count} read (replaced meanwhile)`);
}
