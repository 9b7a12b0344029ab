// The front of the web process: what web/main.ts does with every request before (and
// after) Next.js. In order: the request ID (a well-formed X-Request-Id, else a new one;
// echoed on every response); the warm download, answered synchronously from memory; then
// for everything else the ID passed on to Next.js as a request header and kept in the
// request context (for the posting transaction), the client address, GET /metrics, the
// download path that loads what it is missing, the posting hot path (refusing postings
// while the event loop is too far behind: POSTING_SHED_LAG_MS), Next.js. When the response
// ends: one log line and the HTTP metrics.
//
// Cost on the hot path: a warm download is answered from memory in microseconds, so the
// per-request work here is a clock read, a UUID, three metric updates (fast-metrics.ts:
// additions, no label hashing) and no log line unless the level is debug: answers from
// memory are logged at debug, every other request at info (a synchronous stdout write per
// hot hit would cost more than the hit itself at 20,000 requests a second).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../../context';
import { CLIENT_ADDRESS_HEADER, clientAddress } from '../http/client-address';
import { logger } from '../observability/logger';
import { metrics, statusClass } from '../observability/metrics';
import { serveMetrics } from '../observability/metrics-http';
import { REQUEST_ID_HEADER, requestIdFor, runWithRequestContext, type RequestContext } from '../observability/request-context';
import { downloadFormat, serveDownloadFromMemory, serveWarmDownload } from './download-hot-path';
import { monitorEventLoopLag } from './event-loop-lag';
import { servePostingFast } from './posting-hot-path';
import { serveSnapshotFromMemory } from './snapshot-hot-path';

export type NextHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export interface WebFrontOptions {
  ctx: AppContext;
  /** Next.js's request handler (or a test's stand-in). */
  next: NextHandler;
  trustedProxies: string[];
  /** When set, GET /metrics needs `Authorization: Bearer <token>` (METRICS_TOKEN). */
  metricsToken?: string | undefined;
  /**
   * Postings are refused with 503 + Retry-After while the event loop is behind by more than
   * this (POSTING_SHED_LAG_MS; 0: never). See event-loop-lag.ts.
   */
  postingShedLagMs?: number;
}

/** Route labels of requests Next.js answers without the route helper telling which operation it was. */
const ROUTE_MEMORY_DOWNLOAD = 'download (memory)';
const ROUTE_NEXT = 'next';
const ROUTE_METRICS = 'metrics';
/** The posting hot path: the same operation as the route's label. */
const ROUTE_POSTING = 'POST /api/v1/organizations/{org}/journal-entries';

export function createWebFront(options: WebFrontOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const { ctx, next, trustedProxies } = options;
  const log = logger();
  const shedLagMs = options.postingShedLagMs ?? 0;
  const loop = shedLagMs > 0 ? monitorEventLoopLag() : null;
  const overloaded = loop ? () => loop.lagMs() > shedLagMs : undefined;
  const m = metrics();
  // Label sets are few (route × status class, answerer × format): bind each child once, so a
  // hot download's metrics do not hash a label object per request.
  const bound = new Map<string, { requests: { inc(): void }; duration: { observe(value: number): void } }>();
  const seriesFor = (route: string, status: number) => {
    const statusLabel = statusClass(status);
    const key = `${route}\n${statusLabel}`;
    let series = bound.get(key);
    if (!series) {
      series = { requests: m.httpRequests.labels(route, statusLabel), duration: m.httpDuration.labels(route, statusLabel) };
      bound.set(key, series);
    }
    return series;
  };
  const downloads = new Map<string, { observe(value: number): void }>();
  const downloadSeries = (answeredBy: string, format: string) => {
    const key = `${answeredBy}:${format}`;
    let series = downloads.get(key);
    if (!series) {
      series = m.downloadDuration.labels(answeredBy, format);
      downloads.set(key, series);
    }
    return series;
  };

  // The warm hit's three series by status and format, bound on first use: no key string per request.
  type WarmSeries = ReturnType<typeof seriesFor> & { download: { observe(value: number): void } };
  const warmSeriesByStatus = new Map<number, Map<string, WarmSeries>>();
  const warmSeries = (status: number, format: string) => {
    let byFormat = warmSeriesByStatus.get(status);
    if (!byFormat) warmSeriesByStatus.set(status, (byFormat = new Map<string, WarmSeries>()));
    let series = byFormat.get(format);
    if (!series)
      byFormat.set(format, (series = { ...seriesFor(ROUTE_MEMORY_DOWNLOAD, status), download: downloadSeries('memory', format) }));
    return series;
  };
  const debug = log.isLevelEnabled('debug');
  const finished = (request: IncomingMessage, response: ServerResponse, context: RequestContext, started: number, memory: boolean) => {
    const seconds = (performance.now() - started) / 1000;
    const status = response.statusCode;
    const route = context.route ?? ROUTE_NEXT;
    const series = seriesFor(route, status);
    series.requests.inc();
    series.duration.observe(seconds);
    const format = downloadFormat(request.url);
    if (format) downloadSeries(memory ? 'memory' : 'next', format).observe(seconds);
    const line = {
      requestId: context.requestId,
      method: request.method,
      path: pathOf(request.url),
      status,
      durationMs: Math.round(seconds * 1e5) / 100,
      route,
    };
    if (memory) log.debug(line, 'request');
    else log.info(line, 'request');
  };

  return (request, response) => {
    const started = performance.now();
    const requestId = requestIdFor(request.headers[REQUEST_ID_HEADER]);
    // A warm download first, with nothing else per request: it answers with the request ID
    // itself and is counted here, at once, without a 'finish' listener (its bytes are all
    // handed to the socket by then).
    const warm = serveWarmDownload(ctx, request, response, requestId);
    if (warm) {
      const seconds = (performance.now() - started) / 1000;
      const series = warmSeries(response.statusCode, warm);
      series.requests.inc();
      series.duration.observe(seconds);
      series.download.observe(seconds);
      if (debug)
        log.debug(
          {
            requestId,
            method: request.method,
            path: pathOf(request.url),
            status: response.statusCode,
            durationMs: Math.round(seconds * 1e5) / 100,
            route: ROUTE_MEMORY_DOWNLOAD,
          },
          'request',
        );
      return;
    }
    // Next.js (and whatever it calls) sees the accepted or generated ID, never a malformed one.
    request.headers[REQUEST_ID_HEADER] = requestId;
    response.setHeader('X-Request-Id', requestId);
    // The per-address sign-in limit's key (lib/http/client-address.ts); whatever the client
    // sent under this name is replaced, so only this process can set it.
    const address = clientAddress({ peer: request.socket.remoteAddress, forwardedFor: request.headers['x-forwarded-for'], trustedProxies });
    if (address) request.headers[CLIENT_ADDRESS_HEADER] = address;
    else delete request.headers[CLIENT_ADDRESS_HEADER];

    const context: RequestContext = { requestId };
    let memory = false;
    response.once('finish', () => finished(request, response, context, started, memory));
    runWithRequestContext(context, () => {
      if (isMetricsPath(request.url)) {
        context.route = ROUTE_METRICS;
        serveMetrics(request, response, options.metricsToken, (error) => log.error({ err: error, requestId }, 'metrics exposition failed'));
        return;
      }
      serveDownloadFromMemory(ctx, request, response)
        .then(async (served) => {
          if (served || (await serveSnapshotFromMemory(ctx, request, response))) {
            memory = true;
            context.route = ROUTE_MEMORY_DOWNLOAD;
            return undefined;
          }
          if (await servePostingFast(ctx, request, response, requestId, overloaded)) {
            context.route = ROUTE_POSTING;
            return undefined;
          }
          return next(request, response);
        })
        .catch((error: unknown) => {
          // A hot path fails before it takes the request (the posting path answers its own
          // errors once it has read the body); Next.js answers instead.
          log.error({ err: error, requestId }, 'hot path failed; handing the request to Next.js');
          if (!response.headersSent) return next(request, response);
          response.destroy();
          return undefined;
        });
    });
  };
}

/** Never the query string in logs: it may carry what does not belong there. */
function pathOf(url: string | undefined): string | undefined {
  return (url ?? '').split('?', 1)[0];
}

function isMetricsPath(url: string | undefined): boolean {
  return url === '/metrics' || (url?.startsWith('/metrics?') ?? false);
}
