import { createHash } from 'node:crypto';
import { ObjectId } from 'mongodb';
import type { ReportType } from './types';

/**
 * A report document's `_id` is derived from its key (organization, type, period): every
 * rebuild of the same report lands on the same document, the ID handed to a client never
 * changes, and the read side can be dropped and rebuilt with identical IDs. ObjectId (not
 * a string) because it is the `_id` type every MongoDB-compatible server handles.
 */
export function reportObjectId(organizationId: string, type: ReportType, period: string): ObjectId {
  return derivedObjectId('closebook-report', organizationId, type, period);
}

/** An ObjectId that is a pure function of its parts (the first 12 bytes of their SHA-256). */
export function derivedObjectId(...parts: string[]): ObjectId {
  return new ObjectId(createHash('sha256').update(parts.join('\u0000')).digest().subarray(0, 12));
}

export function reportId(organizationId: string, type: ReportType, period: string): string {
  return reportObjectId(organizationId, type, period).toHexString();
}

const HEX_ID = /^[0-9a-f]{24}$/;

/** Parses an ID from a URL; anything malformed is simply "not found" to the caller. */
export function parseReportId(id: string): ObjectId | null {
  return HEX_ID.test(id) ? new ObjectId(id) : null;
}
