// An HTTP operation's contract: method, path, authentication, the zod schemas of its
// parameters, query, body and responses, and the errors it answers. Declared once in
// lib/adapters/http/operations/; the route helper (route.ts) enforces it and the OpenAPI document
// (openapi.ts) is generated from it, so the two cannot drift apart.
import type { z } from 'zod';
import type { ErrorCode } from '../../errors';

/**
 * bearer: `Authorization: Bearer <token>` (the JSON API). session: the browser's cookie,
 * 401 problem+json without it (downloads and polling, never a redirect). either: a bearer
 * token when one is sent, else the session. none: public (POST /tokens).
 */
export type AuthMode = 'bearer' | 'session' | 'either' | 'none';

/**
 * A request body. The route helper reads it (content type, size limit, JSON syntax) and
 * hands it to the use case unparsed: every lib/ command validates its own input with this
 * same schema *after* its tenancy check, so a non-member learns nothing (404, not 422).
 */
export interface BodyContract {
  kind: 'json' | 'optional-json' | 'csv';
  schema: z.ZodType;
  maxBytes?: number;
}

export interface ResponseContract {
  description: string;
  /** The JSON body (application/json). */
  json?: z.ZodType;
  /** Any other body: its content type, e.g. application/pdf. */
  file?: string;
  headers?: Record<string, string>;
}

export interface OperationContract {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Full path with OpenAPI placeholders: /api/v1/organizations/{org}/accounts. */
  path: string;
  summary?: string;
  description?: string;
  auth: AuthMode;
  /** The 401 message of a session route without a session (default "Sign in first"). */
  unauthorizedMessage?: string;
  /**
   * Path parameters. A value the schema refuses is a resource that does not exist:
   * 404 `not_found` with the schema's message (a malformed ID, an unknown file format).
   */
  params?: z.ZodObject;
  /** Query parameters parsed by the helper (lenient: they never refuse what the use case decides). */
  query?: z.ZodObject;
  /**
   * Query parameters validated by the use case (after its tenancy check): documented from
   * this schema, handed to the handler raw as `query`.
   */
  useCaseQuery?: z.ZodObject;
  /** Request headers worth documenting (Idempotency-Key, If-None-Match). */
  headers?: Record<string, { description: string; schema?: Record<string, unknown> }>;
  body?: BodyContract;
  responses: Record<number, ResponseContract>;
  /** Error codes this operation answers besides those implied by auth and body (401, 400/413/415/422). */
  errors?: ErrorCode[];
  /** Part of the public /api/v1 contract (and of openapi.json); browser routes are not. */
  public: boolean;
  /** Answers counted by outcome in a business metric besides the HTTP ones (closebook_postings_total). */
  counts?: 'postings';
}

export function defineOperation<const O extends OperationContract>(operation: O): O {
  return operation;
}

/** A browser (session-cookie) twin of an API operation: same parameters and answers, another path. */
export function browserTwin<const O extends OperationContract>(operation: O, twin: { path: string; unauthorizedMessage?: string }): O {
  return { ...operation, ...twin, auth: 'session', public: false };
}
