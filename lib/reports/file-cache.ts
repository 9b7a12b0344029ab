// Rendered report files (PDF, CSV, XLSX) by ETag, in process memory, bounded by bytes. The ETag names the exact
// document version, paper and renderer, so a hit is always the right bytes; on the day
// everybody downloads the same month-end reports, a report is rendered once per web
// process instead of once per download. One per process, held by its AppContext.

export interface FileCache {
  get(etag: string): Buffer | undefined;
  set(etag: string, file: Buffer): void;
}

export function createFileCache(options: { maxBytes: number }): FileCache {
  const { maxBytes } = options;
  const entries = new Map<string, Buffer>();
  let totalBytes = 0;
  return {
    get(etag) {
      const hit = entries.get(etag);
      if (hit) {
        // Refresh recency: Map keeps insertion order, so re-inserting moves it to the end.
        entries.delete(etag);
        entries.set(etag, hit);
      }
      return hit;
    },
    set(etag, file) {
      if (file.length > maxBytes / 4 || entries.has(etag)) return;
      entries.set(etag, file);
      totalBytes += file.length;
      for (const [key, value] of entries) {
        if (totalBytes <= maxBytes) break;
        entries.delete(key);
        totalBytes -= value.length;
      }
    },
  };
}
