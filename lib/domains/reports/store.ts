// The read side's only access to MongoDB. Plain driver features only (replaceOne with a
// filter, insertOne, findOne by _id), so it runs on any MongoDB, Atlas, or the in-process
// wire-compatible server used when none is configured.
import { BSON, MongoServerError, type Collection, type Db, type ObjectId } from 'mongodb';
import type { StoredReportBytes as StoredBytes } from './documents/stored';
import type { GeneralLedgerDocument, ReportDocument } from './documents';
import { reportObjectId } from './ids';
import { prepareReport, rawLineChunks, settleChunks, streamRawLineChunks, withLines, writeChunks, type LineChunksRef } from './line-chunks';

export const REPORTS_COLLECTION = 'reports';

export type StoredReport = ReportDocument & { _id: ObjectId; lineChunks?: LineChunksRef };

export function reportsCollection(db: Db): Collection<StoredReport> {
  return db.collection<StoredReport>(REPORTS_COLLECTION);
}

export type SaveOutcome = 'replaced' | 'inserted' | 'stale';

/**
 * Saves a built document unless the stored one is as new or newer. The guard is in the
 * write's filter (asOfSequence < incoming), so two workers racing on the same report can
 * never let the older build win, whatever order they finish in.
 */
export async function saveReportIfNewer(db: Db, document: ReportDocument): Promise<SaveOutcome> {
  const collection = reportsCollection(db);
  const _id = reportObjectId(document.organizationId, document.type, document.period);
  const prepared = prepareReport(_id, document);
  await writeChunks(db, prepared);
  const stored: StoredReport = { _id, ...prepared.document };
  let outcome: SaveOutcome = 'stale';
  const replaced = await collection.replaceOne({ _id, asOfSequence: { $lt: document.asOfSequence } }, stored);
  if (replaced.matchedCount === 1) outcome = 'replaced';
  else {
    try {
      await collection.insertOne(stored);
      outcome = 'inserted';
    } catch (error) {
      // The _id exists, so the stored document is at least as new: this build is stale.
      if (!isDuplicateKey(error)) throw error;
    }
  }
  await settleChunks(db, _id, prepared, outcome !== 'stale');
  return outcome;
}

/**
 * saveReportIfNewer for several documents in one round trip (a period's four reports):
 * one unordered bulkWrite of guarded replaceOne. Only when some matched nothing (a first
 * build, or one stored at an equal or newer sequence) are the sequences read back and the
 * missing documents inserted, where a duplicate key means "stale". Outcomes in the order
 * of `documents`.
 */
export async function saveReportsIfNewer(db: Db, documents: readonly ReportDocument[]): Promise<SaveOutcome[]> {
  if (documents.length === 0) return [];
  const collection = reportsCollection(db);
  const ids = documents.map((document) => reportObjectId(document.organizationId, document.type, document.period));
  const prepared = documents.map((document, index) => prepareReport(ids[index] as ObjectId, document));
  for (const each of prepared) await writeChunks(db, each);
  const stored: StoredReport[] = prepared.map((each, index) => ({ _id: ids[index] as ObjectId, ...each.document }));
  const outcomes: SaveOutcome[] = documents.map(() => 'stale');
  const replaced = await collection.bulkWrite(
    stored.map((document) => ({
      replaceOne: { filter: { _id: document._id, asOfSequence: { $lt: document.asOfSequence } }, replacement: document },
    })),
    { ordered: false },
  );
  if (replaced.matchedCount === stored.length) outcomes.fill('replaced');
  else await resolveOutcomes(collection, stored, outcomes);
  for (const [index, each] of prepared.entries()) await settleChunks(db, ids[index] as ObjectId, each, outcomes[index] !== 'stale');
  return outcomes;
}

/** After a partly matched bulkWrite: which documents it replaced, and the first builds inserted. */
async function resolveOutcomes(collection: Collection<StoredReport>, stored: StoredReport[], outcomes: SaveOutcome[]): Promise<void> {
  // Which ones matched is not reported per operation: read back what is stored instead. A
  // document this call replaced carries this build's sequence and builtAt.
  const found = await collection
    .find({ _id: { $in: stored.map((document) => document._id) } }, { projection: { _id: 1, asOfSequence: 1, builtAt: 1 } })
    .toArray();
  const current = new Map(found.map((document) => [document._id.toHexString(), document]));
  const missing: number[] = [];
  stored.forEach((document, index) => {
    const existing = current.get(document._id.toHexString());
    if (!existing) missing.push(index);
    else if (existing.asOfSequence === document.asOfSequence && existing.builtAt === document.builtAt) outcomes[index] = 'replaced';
  });
  for (const index of missing) {
    const document = stored[index];
    if (!document) continue;
    try {
      await collection.insertOne(document);
      outcomes[index] = 'inserted';
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
}

function isDuplicateKey(error: unknown): boolean {
  return error instanceof MongoServerError && (error.code === 11000 || /duplicate key/i.test(error.message));
}

/** The whole document, a large general ledger's lines included (line-chunks.ts). */
export async function findReport(db: Db, _id: ObjectId): Promise<ReportDocument | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const found = await reportsCollection(db).findOne({ _id }, { projection: { _id: 0 } });
    if (!found) return null;
    const whole = await withLines(db, _id, found);
    if (whole) return whole;
  }
  throw new Error(`report ${_id.toHexString()}: its line chunks keep changing while read`);
}

/**
 * A stored report as BSON, for the render threads to decode (documents/stored.ts): a month of
 * 40,000 ledger lines is ~10 MB of BSON, whose decoding (0.3–0.5 s) and copy to a render
 * thread (0.1–0.15 s) blocked the web process's event loop — every other download waited —
 * on each cold download or refresh of it. Here only the head (everything but the accounts)
 * is decoded: the ETag and the file name come from it.
 */
export interface StoredReportBytes extends StoredBytes {
  head: ReportHeader;
}

export async function findStoredReport(db: Db, _id: ObjectId): Promise<StoredReportBytes | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const stored = await readStoredHead(db, _id);
    if (!stored) return null;
    const { raw, head } = stored;
    const chunks = head.type === 'general-ledger' && head.lineChunks ? await rawLineChunks(db, _id, head.lineChunks) : [];
    // Copies of their own: the driver's buffers may be views into a larger one, which a
    // message to a render thread would copy whole.
    if (chunks) return { head, document: new Uint8Array(raw), chunks: chunks.map((chunk) => new Uint8Array(chunk)) };
  }
  throw new Error(`report ${_id.toHexString()}: its line chunks keep changing while read`);
}

/** A stored report's BSON, and its head decoded (everything but the accounts). */
async function readStoredHead(
  db: Db,
  _id: ObjectId,
): Promise<{ raw: Uint8Array; head: ReportHeader & { lineChunks?: LineChunksRef } } | null> {
  const raw = (await reportsCollection(db).findOne({ _id }, { raw: true, projection: { _id: 0 } })) as unknown as Uint8Array | null;
  if (!raw) return null;
  return { raw, head: BSON.deserialize(raw, { fieldsAsRaw: { accounts: true } }) as ReportHeader & { lineChunks?: LineChunksRef } };
}

/**
 * findStoredReport for a streamed render: the document's BSON at once, a general ledger's
 * line chunks as they are read (in index order, each its own copy). The chunks' iterator
 * throws when fewer arrive than the document names: two newer builds replaced it meanwhile
 * (settleChunks keeps the chunks of the build a save replaced until the next save).
 */
export async function openStoredReportStream(
  db: Db,
  _id: ObjectId,
): Promise<{ head: ReportHeader; document: Uint8Array; chunks: AsyncIterable<Uint8Array> } | null> {
  const stored = await readStoredHead(db, _id);
  if (!stored) return null;
  const { raw, head } = stored;
  const chunks = head.type === 'general-ledger' && head.lineChunks ? streamRawLineChunks(db, _id, head.lineChunks) : noChunks();
  return { head, document: new Uint8Array(raw), chunks };
}

async function* noChunks(): AsyncGenerator<Uint8Array> {
  // a document with its lines inline
}

/**
 * A general ledger reduced to one account (the drill-down from a statement row):
 * `accounts` holds that account's section, or nothing when it had no activity in the
 * period. Filtered here rather than with an `$elemMatch` projection, which the in-process
 * MongoDB test double ignores: plain driver features only (see the top of this file).
 */
export async function findGeneralLedgerAccount(db: Db, _id: ObjectId, accountCode: string): Promise<GeneralLedgerDocument | null> {
  const found = await findReport(db, _id);
  if (found?.type !== 'general-ledger') return null;
  return { ...found, accounts: found.accounts.filter((account) => account.accountCode === accountCode) };
}

export type ReportHeader = Pick<
  ReportDocument,
  'id' | 'organizationId' | 'organizationName' | 'type' | 'period' | 'asOfSequence' | 'builtAt' | 'schemaVersion'
>;

/** The freshness fields only: what the ETag, file names and the lookup endpoint need. */
export async function findReportHeader(db: Db, _id: ObjectId): Promise<ReportHeader | null> {
  return reportsCollection(db).findOne(
    { _id },
    {
      projection: {
        _id: 0,
        id: 1,
        organizationId: 1,
        organizationName: 1,
        type: 1,
        period: 1,
        asOfSequence: 1,
        builtAt: 1,
        schemaVersion: 1,
      },
    },
  );
}

/** asOfSequence of each existing document among `ids` (by hex ID), in one read. */
export async function findReportSequences(db: Db, ids: readonly ObjectId[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const found = await reportsCollection(db)
    .find({ _id: { $in: [...ids] } }, { projection: { _id: 1, asOfSequence: 1 } })
    .toArray();
  return new Map(found.map((document) => [document._id.toHexString(), document.asOfSequence]));
}
