// The request a piece of work belongs to, carried by AsyncLocalStorage from web/main.ts
// (which accepts or generates the request ID) through Next.js into the route handlers and
// the organization-locked transaction, which hands the ID to PostgreSQL
// (`closebook.request_id`, transaction-local) so that the jobs the request enqueues can
// carry it to the worker's log line. Kept on globalThis: Next.js may load this module once
// per server layer, and every copy must see the one store the front started.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface RequestContext {
  readonly requestId: string;
  /** The route label for metrics (an operation template), set by whoever answers. */
  route?: string;
}

const holder = globalThis as unknown as { closebookRequestContext?: AsyncLocalStorage<RequestContext> };
const storage = (holder.closebookRequestContext ??= new AsyncLocalStorage<RequestContext>());

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * An incoming X-Request-Id is kept when it is well-formed: 1–128 characters of letters,
 * digits and `-_.:` (a UUID, a ULID, a proxy's trace ID). Anything else — too long, spaces,
 * quotes, control characters that could forge log lines — is replaced by a new UUID.
 */
const ACCEPTED = /^[A-Za-z0-9._:-]{1,128}$/;

export function acceptRequestId(incoming: string | string[] | undefined | null): string | null {
  return typeof incoming === 'string' && ACCEPTED.test(incoming) ? incoming : null;
}

export function requestIdFor(incoming: string | string[] | undefined | null): string {
  return acceptRequestId(incoming) ?? randomUUID();
}

export function runWithRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** The current request's ID, if this code runs on behalf of one. */
export function currentRequestId(): string | null {
  return storage.getStore()?.requestId ?? null;
}
