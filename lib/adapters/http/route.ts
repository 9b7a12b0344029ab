// The one route helper: every app/**/route.ts is `route(contract, handler)`. It
// authenticates as the contract says, parses path and query parameters with its zod
// schemas, reads the body (content type, size limit, JSON syntax), calls the handler — one
// lib/ call — and maps every error to problem+json in one place. The handler gets the
// web process's AppContext, so it never reaches for a client itself.
import type { z } from 'zod';
import type { Actor } from '../../domains/auth/access';
import { authenticateBearer } from '../../domains/auth/api-tokens';
import { sessionActor, sessionCookieName } from '../../domains/auth/sessions';
import type { AppContext } from '../../context';
import { AppError, isAppError } from '../../errors';
import { metrics } from '../observability/metrics';
import { currentRequestContext, REQUEST_ID_HEADER, requestIdFor, runWithRequestContext } from '../observability/request-context';
import { parseInput } from '../../validation';
import { webContext } from '../web/context';
import { clientClosedResponse, isClientAbort } from './client-abort';
import { readJson, readOptionalJson, readText } from './json';
import type { AuthMode, BodyContract, OperationContract } from './operation';
import { isCrossOriginWrite } from './origin';
import { problemResponse } from './problem';

type Infer<S, Fallback> = S extends z.ZodType ? z.output<S> : Fallback;

export interface RouteInput<O extends OperationContract> {
  ctx: AppContext;
  actor: O['auth'] extends 'none' ? null : Actor;
  params: Infer<O['params'], Record<string, never>>;
  /** Parsed by `query`, or raw strings for the use case to validate (`useCaseQuery`). */
  query: O['query'] extends z.ZodType ? z.output<O['query']> : Record<string, string>;
  /** The body as read, unparsed: the use case validates it (see BodyContract). */
  body: O['body'] extends BodyContract ? unknown : undefined;
  request: Request;
}

type NextRouteContext = { params: Promise<Record<string, string>> };

/**
 * `segments` maps contract parameters to differently named route folders, for a browser
 * twin living under the pages' segments (`/runs/[runId]/…` serving the contract's `{id}`).
 */
export function route<const O extends OperationContract>(
  operation: O,
  handler: (input: RouteInput<O>) => Promise<Response>,
  segments: Record<string, string> = {},
): (request: Request, context: NextRouteContext) => Promise<Response> {
  // The metrics' route label: the operation's template, never a path with IDs in it.
  const label = `${operation.method} ${operation.path}`;
  const answer = async (request: Request, context: NextRouteContext): Promise<Response> => {
    try {
      const ctx = webContext();
      const actor = await authenticate(ctx, request, operation);
      const params = parseParams(operation, renameSegments(await context.params, segments));
      const searchParams = Object.fromEntries(new URL(request.url).searchParams);
      const query: unknown = operation.query ? parseInput(operation.query, searchParams) : searchParams;
      const body = operation.body ? await readBody(request, operation.body) : undefined;
      const response = await handler({ ctx, actor, params, query, body, request } as RouteInput<O>);
      if (operation.counts === 'postings') {
        metrics().postings.inc({ outcome: response.headers.get('idempotent-replayed') ? 'replayed' : 'created' });
      }
      return response;
    } catch (error) {
      const path = new URL(request.url).pathname;
      const abort = isClientAbort(request, error);
      if (operation.counts === 'postings') {
        metrics().postings.inc({ outcome: abort ? 'client_closed' : isAppError(error) ? error.code : 'internal_error' });
      }
      return abort ? clientClosedResponse(path, error) : problemResponse(error, path);
    }
  };
  return (request, context) => {
    // web/main.ts started the request context; tell it which operation this was. Without it
    // (in-process tests, or a framework path that lost the async context) start one here from
    // the header web/main.ts passes on, so the posting transaction still sees the request ID.
    const current = currentRequestContext();
    if (current) {
      current.route = label;
      return answer(request, context);
    }
    const requestId = requestIdFor(request.headers.get(REQUEST_ID_HEADER));
    return runWithRequestContext({ requestId, route: label }, () => answer(request, context));
  };
}

async function authenticate(ctx: AppContext, request: Request, operation: OperationContract): Promise<Actor | null> {
  const mode: AuthMode = operation.auth;
  const authorization = request.headers.get('authorization');
  if (mode === 'none') return null;
  if (mode === 'bearer' || (mode === 'either' && authorization)) {
    return authenticateBearer({ prisma: ctx.prisma, authorization, now: ctx.now() });
  }
  // The session cookie authenticates whatever the browser sends, so a write must come from our own pages.
  if (isCrossOriginWrite(request)) throw new AppError('forbidden', 'Cross-origin requests are refused');
  const secret = cookieValue(request.headers.get('cookie'), sessionCookieName());
  const user = await sessionActor({ prisma: ctx.prisma, secret, now: ctx.now() });
  if (!user) throw new AppError('unauthorized', operation.unauthorizedMessage ?? 'Sign in first');
  return user;
}

/** One cookie from the Cookie header (the request's own, so the helper also runs outside Next's request scope). */
function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.split('=');
    if (key?.trim() === name) return value.join('=').trim();
  }
  return undefined;
}

function renameSegments(raw: Record<string, string>, segments: Record<string, string>): Record<string, string> {
  const renamed = { ...raw };
  for (const [name, segment] of Object.entries(segments)) {
    renamed[name] = raw[segment] ?? '';
    delete renamed[segment];
  }
  return renamed;
}

/** A path the schema refuses names nothing that exists: 404 with the schema's message. */
function parseParams(operation: OperationContract, raw: Record<string, string>): unknown {
  if (!operation.params) return {};
  const result = operation.params.safeParse(raw);
  if (result.success) return result.data;
  throw new AppError('not_found', result.error.issues[0]?.message ?? 'Resource not found');
}

function readBody(request: Request, body: BodyContract): Promise<unknown> {
  switch (body.kind) {
    case 'json':
      return readJson(request, body.maxBytes);
    case 'optional-json':
      return readOptionalJson(request, body.maxBytes);
    case 'csv':
      if (!/^text\/(csv|plain)\b/i.test(request.headers.get('content-type') ?? '')) {
        throw new AppError('unsupported_media_type', 'Send the file as text/csv');
      }
      return readText(request, body.maxBytes ?? 0);
  }
}
