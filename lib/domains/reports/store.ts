// The read side's only access to MongoDB. Plain driver features only (replaceOne with a
// filter, insertOne, findOne by _id), so it runs on any MongoDB, Atlas, or the in-process
// wire-compatible server used when none is configured.
import { MongoServerError, type Collection, type Db, type ObjectId } from 'mongodb';
import type { ReportDocument } from './documents';
import { reportObjectId } from './ids';

export const REPORTS_COLLECTION = 'reports';

export type StoredReport = ReportDocument & { _id: ObjectId };

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
  const stored: StoredReport = { _id, ...document };
  const replaced = await collection.replaceOne({ _id, asOfSequence: { $lt: document.asOfSequence } }, stored);
  if (replaced.matchedCount === 1) return 'replaced';
  try {
    await collection.insertOne(stored);
    return 'inserted';
  } catch (error) {
    // The _id exists, so the stored document is at least as new: this build is stale.
    if (isDuplicateKey(error)) return 'stale';
    throw error;
  }
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
  const stored: StoredReport[] = documents.map((document) => ({
    _id: reportObjectId(document.organizationId, document.type, document.period),
    ...document,
  }));
  const outcomes: SaveOutcome[] = documents.map(() => 'stale');
  await collection.bulkWrite(
    stored.map((document) => ({
      replaceOne: { filter: { _id: document._id, asOfSequence: { $lt: document.asOfSequence } }, replacement: document },
    })),
    { ordered: false },
  );
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
  return outcomes;
}

function isDuplicateKey(error: unknown): boolean {
  return error instanceof MongoServerError && (error.code === 11000 || /duplicate key/i.test(error.message));
}

export async function findReport(db: Db, _id: ObjectId): Promise<ReportDocument | null> {
  const found = await reportsCollection(db).findOne({ _id }, { projection: { _id: 0 } });
  return found;
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
