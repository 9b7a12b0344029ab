// Rendered report files (PDF, CSV, XLSX) by ETag, in process memory, bounded by bytes. The ETag names the exact
// document version, paper and renderer, so a hit is always the right bytes; on the day
// everybody downloads the same month-end reports, a report is rendered once per web
// process instead of once per download. One per process, held by its AppContext.

//
// Rendering is single-flight and bounded: however many requests ask for the same file that
// is not rendered yet, one render runs and they all get its bytes; at most
// `maxRendering` different files render at once in this process, and a request beyond
// that is refused at once with 503 + Retry-After instead of queueing without end.
import { RecencyMap } from './recency-map';
import { AppError } from '../../errors';
import { metrics } from '../observability/metrics';
import { createLiveFile, type LiveFile, type LiveFileWriter } from './live-file';

export interface FileCache {
  get(etag: string): Buffer | undefined;
  set(etag: string, file: Buffer): void;
  /**
   * The file `key` names, produced by `produce` unless a production of `key` is already
   * under way (then its result is shared). `produce` stores what it made with `set`.
   */
  produce<T>(key: string, produce: () => Promise<T>): Promise<T>;
  /**
   * The file `key` names as a stream (live-file.ts): joins the production under way, or
   * starts `produce`, which writes into the file it is given (and stores the whole with
   * `set`). Shares the bound on renders with `produce`: beyond it, throws 503.
   */
  produceLive(key: string, produce: (file: LiveFileWriter) => Promise<void>): LiveFile;
  /** The stream of `key` being produced now, if any. */
  live(key: string): LiveFile | undefined;
  /** Bytes held, and files rendering now (for metrics and the benchmark). */
  stats(): { bytes: number; files: number; rendering: number; maxRendering: number };
}

/** Seconds a client is asked to wait when every render slot is taken. */
export const RENDER_RETRY_AFTER_SECONDS = 2;

export function createFileCache(options: { maxBytes: number; maxRendering?: number }): FileCache {
  const { maxBytes } = options;
  const maxRendering = options.maxRendering ?? 8;
  const entries = new RecencyMap<Buffer>();
  const inFlight = new Map<string, Promise<unknown>>();
  const liveFiles = new Map<string, LiveFile>();
  let totalBytes = 0;
  const busy = () => inFlight.size + liveFiles.size >= maxRendering;
  const refuse = () =>
    new AppError('service_unavailable', `Reports are being prepared; try again in ${RENDER_RETRY_AFTER_SECONDS} seconds`, [], {
      retryAfterSeconds: RENDER_RETRY_AFTER_SECONDS,
    });
  return {
    get: (etag) => entries.get(etag),
    set(etag, file) {
      if (file.length > maxBytes / 4 || entries.has(etag)) return;
      entries.set(etag, file);
      totalBytes += file.length;
      // The least recently used go first (recency-map.ts).
      while (totalBytes > maxBytes) {
        const oldest = entries.oldest();
        if (!oldest) break;
        entries.delete(oldest[0]);
        totalBytes -= oldest[1].length;
      }
    },
    produce<T>(key: string, produce: () => Promise<T>): Promise<T> {
      const running = inFlight.get(key);
      if (running) return running as Promise<T>;
      if (busy()) return Promise.reject(refuse());
      const gauge = metrics().rendersInFlight;
      gauge.inc();
      const promise = produce().finally(() => {
        inFlight.delete(key);
        gauge.dec();
      });
      inFlight.set(key, promise);
      return promise;
    },
    produceLive(key, produce) {
      const running = liveFiles.get(key);
      if (running) return running;
      if (busy()) throw refuse();
      const file = createLiveFile();
      const gauge = metrics().rendersInFlight;
      gauge.inc();
      liveFiles.set(key, file);
      produce(file)
        .then(
          () => file.end(),
          (error: unknown) => file.fail(error instanceof Error ? error : new Error(String(error))),
        )
        .finally(() => {
          liveFiles.delete(key);
          gauge.dec();
        });
      return file;
    },
    live: (key) => liveFiles.get(key),
    stats: () => ({ bytes: totalBytes, files: entries.size, rendering: inFlight.size + liveFiles.size, maxRendering }),
  };
}
