// Report-run snapshots in MongoDB: the frozen report document and its PDF, written once
// and never updated. The PDF is stored in chunks (written first) so any size fits under
// MongoDB's 16 MB document limit and can be streamed chunk by chunk; the snapshot document
// is written last, so its presence means "complete".
//
// A snapshot is only *delivered* once PostgreSQL's report_run_items row points at it (see
// execute.ts): every attempt writes under a fresh ObjectId, exactly one attempt per item
// commits in PostgreSQL, and the others' leftovers are deleted. So a worker killed halfway
// leaves garbage that the next attempt removes, never a second or a half-written snapshot.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Binary, ObjectId, type Collection, type Db } from 'mongodb';
import { deleteLineChunks, derivedObjectId, prepareReport, withLines, writeChunks, type ReportDocument } from '../reports';

export const SNAPSHOTS_COLLECTION = 'report_snapshots';
export const SNAPSHOT_CHUNKS_COLLECTION = 'report_snapshot_chunks';
/** 512 KiB: small enough that streaming a ZIP holds little in memory. */
export const SNAPSHOT_CHUNK_BYTES = 512 * 1024;

export interface SnapshotPdfInfo {
  bytes: number;
  pages: number;
  sha256: string;
  chunks: number;
}

export interface StoredSnapshot {
  _id: ObjectId;
  runId: string;
  organizationId: string;
  type: ReportDocument['type'];
  period: string;
  asOfSequence: number;
  createdAt: Date;
  document: ReportDocument;
  pdf: SnapshotPdfInfo;
}

interface StoredChunk {
  _id: ObjectId;
  snapshotId: ObjectId;
  runId: string;
  organizationId: string;
  n: number;
  data: Binary;
}

function snapshots(db: Db): Collection<StoredSnapshot> {
  return db.collection<StoredSnapshot>(SNAPSHOTS_COLLECTION);
}

function chunks(db: Db): Collection<StoredChunk> {
  return db.collection<StoredChunk>(SNAPSHOT_CHUNKS_COLLECTION);
}

const indexed = new WeakSet<Db>();

/** The clean-up queries look snapshots up by (run, organization). Idempotent; once per process. */
export async function ensureSnapshotIndexes(db: Db): Promise<void> {
  if (indexed.has(db)) return;
  await snapshots(db).createIndex({ runId: 1, organizationId: 1 });
  await chunks(db).createIndex({ runId: 1, organizationId: 1 });
  indexed.add(db);
}

/**
 * Chunk n of a snapshot's PDF has an ID derived from (snapshot, n), so a reader fetches
 * chunk by chunk with findOne by _id (ObjectId: the one _id type every server handles).
 */
function chunkId(snapshotId: ObjectId, n: number): ObjectId {
  return derivedObjectId('closebook-snapshot-chunk', snapshotId.toHexString(), String(n));
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Writes one snapshot (chunks, then the document) under a fresh ID and returns it. */
export async function writeSnapshot(
  db: Db,
  input: { runId: string; document: ReportDocument; pdf: Buffer; pages: number; now: Date },
): Promise<{ id: ObjectId; pdf: SnapshotPdfInfo }> {
  const { runId, document } = input;
  const id = new ObjectId();
  const count = Math.max(1, Math.ceil(input.pdf.length / SNAPSHOT_CHUNK_BYTES));
  const parts: StoredChunk[] = [];
  for (let n = 0; n < count; n += 1) {
    parts.push({
      _id: chunkId(id, n),
      snapshotId: id,
      runId,
      organizationId: document.organizationId,
      n,
      data: new Binary(input.pdf.subarray(n * SNAPSHOT_CHUNK_BYTES, (n + 1) * SNAPSHOT_CHUNK_BYTES)),
    });
  }
  // One chunk at a time keeps each write small whatever the size of the PDF.
  for (const part of parts) await chunks(db).insertOne(part);
  const pdf: SnapshotPdfInfo = { bytes: input.pdf.length, pages: input.pages, sha256: sha256Hex(input.pdf), chunks: count };
  // A large general ledger's lines go to line chunks, as for live reports (16 MB limit).
  const frozen = prepareReport(id, document);
  await writeChunks(db, frozen);
  await snapshots(db).insertOne({
    _id: id,
    runId,
    organizationId: document.organizationId,
    type: document.type,
    period: document.period,
    asOfSequence: document.asOfSequence,
    createdAt: input.now,
    document: frozen.document,
    pdf,
  });
  return { id, pdf };
}

/** Deletes every snapshot (and chunk) of this run and organization that is not in `keep`. */
export async function deleteUncommittedSnapshots(
  db: Db,
  runId: string,
  organizationId: string,
  keep: readonly ObjectId[],
): Promise<number> {
  const filter = { runId, organizationId };
  const doomed = await snapshots(db)
    .find({ ...filter, _id: { $nin: [...keep] } }, { projection: { _id: 1 } })
    .toArray();
  const removed = await snapshots(db).deleteMany({ ...filter, _id: { $nin: [...keep] } });
  await chunks(db).deleteMany({ ...filter, snapshotId: { $nin: [...keep] } });
  await deleteLineChunks(
    db,
    doomed.map((snapshot) => snapshot._id),
  );
  return removed.deletedCount;
}

/** The snapshot with its frozen document whole (a large general ledger's lines reassembled). */
export async function findSnapshot(db: Db, id: ObjectId): Promise<StoredSnapshot | null> {
  const found = await snapshots(db).findOne({ _id: id });
  if (!found) return null;
  const document = await withLines(db, id, found.document);
  // A snapshot's chunks are written once, before it, and never replaced: missing ones are damage.
  if (!document) throw new Error(`snapshot ${id.toHexString()}: its general-ledger line chunks are missing`);
  return { ...found, document };
}

export interface SnapshotFileInfo {
  organizationName: string;
  type: ReportDocument['type'];
  period: string;
  pdf: SnapshotPdfInfo;
}

/** What serving the PDF needs (name, chunks, checksum), without the frozen document. */
export async function findSnapshotFileInfo(db: Db, id: ObjectId): Promise<SnapshotFileInfo | null> {
  const found = await snapshots(db).findOne({ _id: id }, { projection: { type: 1, period: 1, pdf: 1, 'document.organizationName': 1 } });
  return found ? { organizationName: found.document.organizationName, type: found.type, period: found.period, pdf: found.pdf } : null;
}

/** The PDF, read one chunk at a time as the consumer asks for more (memory stays flat). */
export function snapshotPdfStream(db: Db, id: ObjectId, chunkCount: number): Readable {
  return Readable.from(
    (async function* () {
      for (let n = 0; n < chunkCount; n += 1) {
        const part = await chunks(db).findOne({ _id: chunkId(id, n) }, { projection: { data: 1 } });
        if (!part) throw new Error(`Snapshot ${id.toHexString()} is missing PDF chunk ${n}`);
        yield Buffer.from(part.data.buffer);
      }
    })(),
    { objectMode: false },
  );
}

export async function readSnapshotPdf(db: Db, id: ObjectId, chunkCount: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of snapshotPdfStream(db, id, chunkCount)) parts.push(part as Buffer);
  return Buffer.concat(parts);
}
