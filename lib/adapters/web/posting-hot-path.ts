// The posting hot path: `POST /api/v1/organizations/{org}/journal-entries` with a bearer
// token, answered before Next.js. Issue 10's profile: a posting through the framework's
// route pipeline cost as much CPU as several of the framework's own 404s, and the command
// under it seven Prisma round trips; here the request costs reading the body, the same
// use case (postJournalEntry, one SQL statement on the raw pg pool) and a JSON answer.
//
// Taken only when the decision can be made from the headers and the caches: a bearer token
// this process already knows, JSON content type, a declared length within the contract's
// limit, no query string. Anything else goes to the Next.js route before a byte of the body
// is read, so this path never answers differently from the route: both call the same use
// case and map errors with the same problemResponse.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { postJournalEntry } from '../../domains/ledger/commands/post-journal-entry';
import { AppError, isAppError } from '../../errors';
import { metrics } from '../observability/metrics';
import type { AppContext } from '../../context';
import { MAX_JSON_BYTES, parseJsonText } from '../http/json';
import { problemResponse } from '../http/problem';
import { bearerKey, credentialOwner } from './hot-auth';

const PATH = /^\/api\/v1\/organizations\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/journal-entries$/i;
const JSON_TYPE = /^application\/(.+\+)?json\b/i;

const SHED_RETRY_AFTER_SECONDS = 1;

/** The headers every API response carries (next.config.js adds them to the route's answers). */
const API_HEADERS = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin', 'cache-control': 'no-store' };

/** Posts the entry if this request is one the hot path takes; false hands it to Next.js untouched. */
export async function servePostingFast(
  ctx: AppContext,
  request: IncomingMessage,
  response: ServerResponse,
  requestId?: string,
  /** True while the process is too far behind to take a posting (event-loop-lag.ts): 503 before the body is read. */
  overloaded?: () => boolean,
): Promise<boolean> {
  if (request.method !== 'POST' || !ctx.caches.enabled) return false;
  const organizationId = PATH.exec(request.url ?? '')?.[1]?.toLowerCase();
  if (!organizationId) return false;
  const declared = Number(request.headers['content-length']);
  if (!JSON_TYPE.test(request.headers['content-type'] ?? '') || !(declared > 0 && declared <= MAX_JSON_BYTES)) return false;
  const actor = await credentialOwner(ctx, bearerKey(request), ctx.now().getTime());
  if (!actor) return false;

  const instance = (request.url ?? '').split('?', 1)[0];
  try {
    // Nothing is parsed or written: the client may simply send it again after Retry-After. The
    // body is drained first, so the connection stays usable (an answer before a body has
    // arrived can end in a reset connection).
    if (overloaded?.()) {
      await readBody(request, declared);
      throw new AppError('service_unavailable', `The server is busy; try again in ${SHED_RETRY_AFTER_SECONDS} second`, [], {
        retryAfterSeconds: SHED_RETRY_AFTER_SECONDS,
      });
    }
    const input = parseJsonText(await readBody(request, declared));
    const posted = await postJournalEntry({
      prisma: ctx.prisma,
      submit: ctx.postings.submit,
      actor,
      organizationId,
      input,
      idempotencyKey: headerValue(request.headers['idempotency-key']),
      now: ctx.now(),
      ...(requestId ? { requestId } : {}),
    });
    metrics().postings.inc({ outcome: posted.replayed ? 'replayed' : 'created' });
    const body = JSON.stringify({ id: posted.id, sequence: Number(posted.sequence) });
    response.writeHead(201, {
      ...API_HEADERS,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      ...(posted.replayed ? { 'idempotent-replayed': 'true' } : {}),
    });
    response.end(body);
  } catch (error) {
    // The client is gone (a request is "destroyed" once its body is read; its socket is not).
    metrics().postings.inc({ outcome: request.socket.destroyed ? 'client_closed' : isAppError(error) ? error.code : 'internal_error' });
    if (request.socket.destroyed) return true;
    const problem = problemResponse(error, instance);
    const body = await problem.text();
    response.writeHead(problem.status, { ...API_HEADERS, ...Object.fromEntries(problem.headers) });
    response.end(body);
  }
  return true;
}

function headerValue(value: string | string[] | undefined): string | null {
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/** The body, refused past the declared length (a client that sends more than it declared is lying). */
function readBody(request: IncomingMessage, declared: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > declared) {
        request.destroy();
        reject(new AppError('payload_too_large', `The body is larger than ${MAX_JSON_BYTES} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    request.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.once('error', reject);
  });
}
