// Rendered report files (PDF, CSV, XLSX) by ETag, in process memory, bounded by bytes. The ETag names the exact
// document version, paper and renderer, so a hit is always the right bytes; on the day
// everybody downloads the same month-end reports, a report is rendered once per web
// process instead of once per download.
import { intFromEnv } from '../config';

const MAX_BYTES = intFromEnv('REPORT_FILE_CACHE_MB', 64) * 1024 * 1024;

const entries = new Map<string, Buffer>();
let totalBytes = 0;

export function cachedFile(etag: string): Buffer | undefined {
  const hit = entries.get(etag);
  if (hit) {
    // Refresh recency: Map keeps insertion order, so re-inserting moves it to the end.
    entries.delete(etag);
    entries.set(etag, hit);
  }
  return hit;
}

export function cacheFile(etag: string, file: Buffer): void {
  if (file.length > MAX_BYTES / 4 || entries.has(etag)) return;
  entries.set(etag, file);
  totalBytes += file.length;
  for (const [key, value] of entries) {
    if (totalBytes <= MAX_BYTES) break;
    entries.delete(key);
    totalBytes -= value.length;
  }
}
