// The process's Prometheus metrics: one prom-client Registry and every metric object,
// created once per process. They live on globalThis because Next.js may load this module
// once per server layer (route handlers vs the custom server in web/main.ts): a second copy
// would count into a registry nobody scrapes. Metric names carry their unit (Prometheus
// naming); labels are small closed sets (a route template, never a path with IDs).
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { FastCounter, FastHistogram } from './fast-metrics';

export const METRICS_PREFIX = 'closebook_';

/** Request and render latencies: 1 ms … 30 s. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** A hot download is microseconds; a cold one renders. */
const DOWNLOAD_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Commit → document: the design target is p99 < 1 s; the tail goes to minutes under backlog. */
const LAG_BUCKETS = [0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 20, 30, 60, 120, 300];

export type DownloadCache = 'credential' | 'membership' | 'header' | 'bytes';

function createMetrics() {
  const registry = new Registry();
  const r = [registry];
  return {
    registry,
    defaultsCollected: false,
    httpRequests: new FastCounter({
      name: 'closebook_http_requests_total',
      help: 'HTTP requests answered by the web process, by route (operation template) and status class',
      labelNames: ['route', 'status_class'] as const,
      registers: r,
    }),
    httpDuration: new FastHistogram({
      name: 'closebook_http_request_duration_seconds',
      help: 'Time from the request reaching web/main.ts to the end of its response, by route and status class',
      labelNames: ['route', 'status_class'] as const,
      buckets: LATENCY_BUCKETS,
      registers: r,
    }),
    postings: new Counter({
      name: 'closebook_postings_total',
      help: 'POST journal-entries answers by outcome: created, replayed (idempotent replay) or the error code',
      labelNames: ['outcome'] as const,
      registers: r,
    }),
    downloadDuration: new FastHistogram({
      name: 'closebook_download_duration_seconds',
      help: 'Report downloads (/reports/{id}/{format}), by who answered (memory: the hot path; next: the route) and format',
      labelNames: ['answered_by', 'format'] as const,
      buckets: DOWNLOAD_BUCKETS,
      registers: r,
    }),
    downloadCache: new FastCounter({
      name: 'closebook_download_cache_lookups_total',
      help: "The download hot path's cache lookups, by cache (credential, membership, header, bytes) and result (hit, miss)",
      labelNames: ['cache', 'result'] as const,
      registers: r,
    }),
    renderDuration: new Histogram({
      name: 'closebook_render_duration_seconds',
      help: 'Time to render one report file (on a render thread, or in-process), by format',
      labelNames: ['format'] as const,
      buckets: LATENCY_BUCKETS,
      registers: r,
    }),
    renderQueueDepth: new Gauge({
      name: 'closebook_render_queue_depth',
      help: 'Renders waiting for a free render thread',
      registers: r,
    }),
    rendersInFlight: new Gauge({
      name: 'closebook_renders_in_flight',
      help: 'Different report files being produced for downloads now (beyond REPORT_RENDER_QUEUE: 503)',
      registers: r,
    }),
    jobDuration: new Histogram({
      name: 'closebook_job_duration_seconds',
      help: 'Queue jobs run by this worker, by task and outcome (success, failure)',
      labelNames: ['task', 'outcome'] as const,
      buckets: LATENCY_BUCKETS,
      registers: r,
    }),
    commitToDocumentLag: new Histogram({
      name: 'closebook_commit_to_document_lag_seconds',
      help: 'From the occurred_at of the newest ledger event a saved report document includes to its save',
      buckets: LAG_BUCKETS,
      registers: r,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const holder = globalThis as unknown as { closebookMetrics?: Metrics };

/** This process's metrics (created on first use). */
export function metrics(): Metrics {
  holder.closebookMetrics ??= createMetrics();
  return holder.closebookMetrics;
}

/**
 * Node's own metrics (CPU, memory, event-loop lag, GC, handles) with the closebook_ prefix.
 * Called by the process entry points only: a test file importing the web layer should not
 * start the event-loop monitor.
 */
export function collectProcessMetrics(): void {
  const m = metrics();
  if (m.defaultsCollected) return;
  m.defaultsCollected = true;
  collectDefaultMetrics({ register: m.registry, prefix: METRICS_PREFIX });
}

/** "2xx" … "5xx": the status label stays a closed set. */
export function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

export function countDownloadCache(cache: DownloadCache, hit: boolean): void {
  metrics()
    .downloadCache.labels(cache, hit ? 'hit' : 'miss')
    .inc();
}

/** A warm download: all four caches hit (one call on the hot path instead of four). */
export function countWarmDownload(): void {
  const cache = metrics().downloadCache;
  warmChildren ??= (['credential', 'header', 'membership', 'bytes'] as const).map((name) => cache.labels(name, 'hit'));
  for (const child of warmChildren) child.inc();
}
let warmChildren: { inc(): void }[] | undefined;

/**
 * The queue depth gauge (graphile-worker jobs ready to run / locked by a worker), sampled
 * when Prometheus scrapes: `sample` runs one SQL query, and its answer is reused for
 * `cacheMs` so that several scrapers (or a scrape storm) cost one query a second.
 */
export function registerQueueDepth(sample: () => Promise<{ ready: number; locked: number }>, cacheMs = 1_000): void {
  const m = metrics();
  if (m.registry.getSingleMetric('closebook_queue_jobs')) return;
  let cached: { at: number; value: Promise<{ ready: number; locked: number }> } | undefined;
  new Gauge({
    name: 'closebook_queue_jobs',
    help: 'graphile-worker jobs by state: ready (runnable now, not locked) and locked (being run), sampled at scrape time',
    labelNames: ['state'] as const,
    registers: [m.registry],
    async collect() {
      const now = Date.now();
      if (!cached || now - cached.at > cacheMs) cached = { at: now, value: sample() };
      try {
        const { ready, locked } = await cached.value;
        this.set({ state: 'ready' }, ready);
        this.set({ state: 'locked' }, locked);
      } catch {
        // A failed sample must not fail the whole scrape; the next one retries.
        cached = undefined;
      }
    },
  });
}

/** The Prometheus text exposition of everything above. */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
