// The download hot path: on reporting day every accountant asks for the same PDFs at once,
// and a warm download must cost what serving bytes from memory costs. The custom web
// server (web/main.ts) offers every request here before Next.js sees it. A request is
// answered here only when who is asking is already known in this process — the
// credential, the membership, the report's header and its organization's report settings
// (paper and number format name the PDF), all in caches that PostgreSQL
// notifications keep exact (lib/adapters/cache/) — and then with the cached bytes, a 304,
// or the one render of a report that was just rebuilt (single-flight, on the render
// threads). Anything else (no such credential, not a member, no document, a HEAD, an
// unexpected parameter, every render slot taken) goes on to the Next.js route, which
// answers exactly as it always has. So this path never decides an
// error, and its answers are the route's answers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerKey, cachedRole, credentialOwner, sessionKey } from './hot-auth';
import { membershipKey } from '../cache/read-caches';
import type { AppContext } from '../../context';
import { contentDisposition } from '../http/report-file';
import { parseReportId } from '../../domains/reports/ids';
import {
  etagMatches,
  fileVariant,
  isReportFormat,
  REPORT_FORMATS,
  reportEtag,
  reportFilename,
  type ReportFormat,
} from '../../domains/reports/files';
import { loadReportPresentation, type ReportPresentation } from '../../domains/reports/presentation';
import { renderReportFile, streamReportPdf } from '../../domains/reports/queries/get-report-file';
import type { LiveFile } from '../cache/live-file';
import { refreshAheadFor } from './refresh-ahead';
import { findReportHeader, type ReportHeader } from '../../domains/reports/store';
import { countDownloadCache, countWarmDownload } from '../observability/metrics';

const PATH = /^\/(api\/v1\/)?reports\/([0-9a-f]{24})\/([a-z]+)$/;

interface Download {
  api: boolean;
  id: string;
  format: ReportFormat;
  /** null: the organization's default paper. */
  paper: 'A4' | 'LETTER' | null;
}

function parseDownload(url: string | undefined): Download | null {
  const [path = '', search = ''] = (url ?? '').split('?', 2);
  const match = PATH.exec(path);
  if (!match?.[2] || !match[3] || !isReportFormat(match[3])) return null;
  let paper: Download['paper'] = null;
  if (search) {
    const params = new URLSearchParams(search);
    // Only the parameter the route knows; anything else is left to the route to judge.
    for (const key of params.keys()) if (key !== 'paper') return null;
    const named = params.get('paper');
    if (named !== null) paper = named.toLowerCase() === 'letter' ? 'LETTER' : 'A4';
  }
  return { api: match[1] !== undefined, id: match[2], format: match[3], paper };
}

/** The format of a report download URL (for the download metrics), or null for any other URL. */
export function downloadFormat(url: string | undefined): ReportFormat | null {
  const match = PATH.exec((url ?? '').split('?', 1)[0] ?? '');
  return match?.[3] && isReportFormat(match[3]) ? match[3] : null;
}

/**
 * The warm download, answered without a single await: the credential, the membership, the
 * header, the settings and the bytes are all in memory. Most downloads on reporting day are
 * this; without promises there is nothing for the request context's async hooks to track.
 * Answers with `requestId` as X-Request-Id and returns the format it answered, or null when
 * anything is missing (serveDownloadFromMemory then loads what it needs).
 */
export function serveWarmDownload(
  ctx: AppContext,
  request: IncomingMessage,
  response: ServerResponse,
  requestId: string,
): ReportFormat | null {
  if (request.method !== 'GET' || !ctx.caches.enabled) return null;
  const download = parseDownload(request.url);
  if (!download) return null;
  const key = download.api ? bearerKey(request) : sessionKey(request);
  const credential = key ? ctx.caches.credentials.get(key) : null;
  if (!credential || credential.expiresAt <= ctx.now().getTime()) return null;
  const header = ctx.caches.reportHeaders.get(download.id);
  if (!header) return null;
  // Every role may read reports.
  const role = ctx.caches.memberships.get(membershipKey(credential.userId, header.organizationId));
  const settings = ctx.caches.reportPresentations.get(header.organizationId);
  if (!role || !settings) return null;
  const answer = warmAnswer(header, settings, download);
  if (etagMatches(request.headers['if-none-match'], answer.etag)) {
    response.writeHead(304, { etag: answer.etag, 'cache-control': CACHE_CONTROL, 'x-request-id': requestId });
    response.end();
    return download.format;
  }
  const body = ctx.fileCache.get(answer.etag);
  if (!body) return null;
  countWarmDownload();
  refreshAheadFor(ctx).served(download.id, download.format, answer.presentation, answer.variant);
  response.writeHead(200, {
    etag: answer.etag,
    'cache-control': CACHE_CONTROL,
    'content-type': REPORT_FORMATS[download.format],
    'content-length': body.length,
    'content-disposition': answer.disposition,
    'x-request-id': requestId,
  });
  response.end(body);
  return download.format;
}

/** What a warm answer needs besides the bytes; the same for every download of one report version in one variant. */
interface WarmAnswer {
  settings: ReportPresentation;
  presentation: ReportPresentation;
  /** fileVariant(format, presentation). */
  variant: string;
  etag: string;
  disposition: string;
}

/**
 * Worked out once per header object, format, paper and settings object: a rebuilt report or
 * changed settings arrive as new objects (the caches replace them), so a stale answer is
 * never found — and the ETag's date parse, the file name and its encoding stay off the
 * per-request path.
 */
const warmAnswers = new WeakMap<ReportHeader, Map<string, WarmAnswer>>();

function warmAnswer(header: ReportHeader, settings: ReportPresentation, download: Download): WarmAnswer {
  let answers = warmAnswers.get(header);
  if (!answers) warmAnswers.set(header, (answers = new Map<string, WarmAnswer>()));
  const key = download.paper ? `${download.format}:${download.paper}` : download.format;
  let answer = answers.get(key);
  if (answer?.settings !== settings) {
    const presentation = presentationOf(settings, download);
    const variant = fileVariant(download.format, presentation);
    answer = {
      settings,
      presentation,
      variant,
      etag: reportEtag(header, variant),
      disposition: contentDisposition(reportFilename(header, download.format)),
    };
    answers.set(key, answer);
  }
  return answer;
}

const CACHE_CONTROL = 'private, no-cache';

/** The organization's settings with the paper the download names, if it names one. */
function presentationOf(settings: ReportPresentation, download: Download): ReportPresentation {
  return download.paper ? { ...settings, paper: download.paper } : settings;
}

function answerNotModified(request: IncomingMessage, response: ServerResponse, etag: string): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (!etagMatches(ifNoneMatch, etag)) return false;
  response.writeHead(304, { etag, 'cache-control': CACHE_CONTROL });
  response.end();
  return true;
}

/** Serves the download from memory if it can; false hands the request on to Next.js. */
export async function serveDownloadFromMemory(ctx: AppContext, request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  if (request.method !== 'GET' || !ctx.caches.enabled) return false;
  const download = parseDownload(request.url);
  if (!download) return false;
  const now = ctx.now().getTime();
  const actor = await credentialOwner(ctx, download.api ? bearerKey(request) : sessionKey(request), now);
  if (!actor) return false;
  const header = await reportHeader(ctx, download.id);
  // Every role may read reports.
  if (!header || (await cachedRole(ctx, actor, header.organizationId)) === null) return false;
  const settings = await reportPresentation(ctx, header.organizationId);
  const presentation = presentationOf(settings, download);
  refreshAheadFor(ctx).served(download.id, download.format, presentation);
  const etag = reportEtag(header, fileVariant(download.format, presentation));
  if (answerNotModified(request, response, etag)) return true;
  const headers = {
    'cache-control': CACHE_CONTROL,
    'content-type': REPORT_FORMATS[download.format],
    'content-disposition': contentDisposition(reportFilename(header, download.format)),
  };
  const cached = ctx.fileCache.get(etag);
  countDownloadCache('bytes', cached !== undefined);
  if (!cached && download.format === 'pdf') return streamRendered(ctx, response, download, presentation, header, etag, headers);
  const file = cached ? { etag, body: cached } : await rendered(ctx, download, presentation, header, etag);
  if (!file) return false;
  response.writeHead(200, { ...headers, etag: file.etag, 'content-length': String(file.body.length) });
  response.end(file.body);
  return true;
}

/**
 * A PDF not in the file cache: the one render (single-flight) streamed as it is drawn,
 * to this request and any that join it, so the first bytes of a 900-page general ledger
 * leave after its first pages, not its last. A refusal before the first byte (every render
 * slot taken, the document gone) is the route's to answer; a failure after it can only cut
 * the response short, which the client sees as an incomplete transfer.
 */
async function streamRendered(
  ctx: AppContext,
  response: ServerResponse,
  download: Download,
  presentation: ReportPresentation,
  header: ReportHeader,
  etag: string,
  headers: Record<string, string>,
): Promise<boolean> {
  const objectId = parseReportId(download.id);
  if (!objectId || header.id !== download.id) return false;
  let renderedEtag: string;
  let file: LiveFile;
  try {
    file = streamReportPdf({ ...ctx, objectId, etag, presentation });
    renderedEtag = await file.begun;
  } catch {
    return false;
  }
  response.writeHead(200, { ...headers, etag: renderedEtag });
  try {
    await file.pipe((chunk) => response.write(chunk));
    response.end();
  } catch {
    response.destroy();
  }
  return true;
}

/**
 * A CSV or XLSX rendered now (single-flight: a popular report that was just rebuilt is
 * rendered once while its requests wait here, not in the framework). Any refusal (every
 * render slot taken: 503; the document gone) is the route's to answer.
 */
async function rendered(ctx: AppContext, download: Download, presentation: ReportPresentation, header: ReportHeader, etag: string) {
  const objectId = parseReportId(download.id);
  if (!objectId || header.id !== download.id) return null;
  try {
    return await renderReportFile({ ...ctx, objectId, etag, format: download.format, presentation });
  } catch {
    return null;
  }
}

async function reportHeader(ctx: AppContext, id: string): Promise<ReportHeader | null> {
  const cache = ctx.caches.reportHeaders;
  const cached = cache.get(id);
  countDownloadCache('header', cached !== undefined);
  if (cached !== undefined) return cached;
  const objectId = parseReportId(id);
  if (!objectId) return null;
  const begunAt = cache.begin();
  const header = await findReportHeader(ctx.db, objectId);
  cache.set(id, header, begunAt);
  return header;
}

async function reportPresentation(ctx: AppContext, organizationId: string): Promise<ReportPresentation> {
  const cache = ctx.caches.reportPresentations;
  const cached = cache.get(organizationId);
  if (cached !== undefined) return cached;
  const begunAt = cache.begin();
  const presentation = await loadReportPresentation(ctx.prisma, organizationId);
  cache.set(organizationId, presentation, begunAt);
  return presentation;
}
