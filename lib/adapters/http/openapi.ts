// The OpenAPI 3.1 document of /api/v1 (served at /api/v1/openapi.json), generated from the
// operation contracts that the route helper enforces. Schemas come from zod 4's own
// z.toJSONSchema (draft 2020-12, the dialect of OpenAPI 3.1): no second description of the
// API to keep in step. Named schemas (`.meta({ id })`) become components.
import { z } from 'zod';
import { ERROR_STATUS, type ErrorCode } from '../../errors';
import type { OperationContract } from './operation';
import { API_OPERATIONS } from './operations';
import { problemSchema } from './operations/schemas';

type JsonSchema = Record<string, unknown>;
const API_PREFIX = '/api/v1';

export function openApiDocument(operations: readonly OperationContract[] = API_OPERATIONS) {
  const components: Record<string, JsonSchema> = {};
  const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => hoist(jsonSchema(schema, io), components);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    const path = operation.path.startsWith(API_PREFIX) ? operation.path.slice(API_PREFIX.length) : operation.path;
    paths[path] ??= {};
    paths[path][operation.method.toLowerCase()] = {
      summary: operation.summary,
      ...(operation.description ? { description: operation.description } : {}),
      ...(operation.auth === 'none'
        ? {}
        : { security: operation.auth === 'either' ? [{ bearer: [] }, { session: [] }] : [{ [operation.auth]: [] }] }),
      parameters: parameters(operation, toSchema),
      ...(operation.body ? { requestBody: requestBody(operation.body, toSchema) } : {}),
      responses: responses(operation, toSchema),
    };
  }
  toSchema(problemSchema, 'output');
  return {
    openapi: '3.1.0',
    info: {
      title: 'Closebook API',
      version: '1.0.0',
      description:
        'Journal entries in, report documents and PDFs out. Errors are application/problem+json with a stable `code`. Amounts are decimal strings with at most 2 places; never numbers.',
    },
    servers: [{ url: API_PREFIX }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: 'closebook_session' },
      },
      schemas: components,
    },
    paths,
  };
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** Moves `$defs` (schemas with an id) into components and points their references there. */
function hoist(schema: JsonSchema, components: Record<string, JsonSchema>): JsonSchema {
  const { $defs, ...rest } = schema as JsonSchema & { $defs?: Record<string, JsonSchema> };
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        key === '$ref' && typeof inner === 'string' ? inner.replace('#/$defs/', '#/components/schemas/') : rewrite(inner),
      ]),
    );
  };
  for (const [id, definition] of Object.entries($defs ?? {})) {
    const rewritten = rewrite(definition) as JsonSchema;
    if (components[id] && JSON.stringify(components[id]) !== JSON.stringify(rewritten)) {
      throw new Error(`Two different schemas are both named ${id}`);
    }
    components[id] = rewritten;
  }
  // A schema that is itself named is generated as a reference to its definition.
  return rewrite(rest) as JsonSchema;
}

function parameters(operation: OperationContract, toSchema: (schema: z.ZodType, io: 'input') => JsonSchema) {
  const list: Record<string, unknown>[] = [];
  const add = (location: 'path' | 'query', shape: Record<string, z.ZodType>) => {
    for (const [name, schema] of Object.entries(shape)) {
      const { description, ...rest } = toSchema(schema, 'input');
      const required = location === 'path' || !schema.safeParse(undefined).success;
      list.push({ name, in: location, required, schema: rest, ...(description ? { description } : {}) });
    }
  };
  add('path', operation.params?.shape ?? {});
  add('query', (operation.query ?? operation.useCaseQuery)?.shape ?? {});
  for (const [name, header] of Object.entries(operation.headers ?? {})) {
    list.push({ name, in: 'header', description: header.description, schema: header.schema ?? { type: 'string' } });
  }
  return list;
}

function requestBody(body: NonNullable<OperationContract['body']>, toSchema: (schema: z.ZodType, io: 'input') => JsonSchema) {
  if (body.kind === 'csv') return { required: true, content: { 'text/csv': { schema: { type: 'string' } } } };
  return { required: body.kind === 'json', content: { 'application/json': { schema: toSchema(body.schema, 'input') } } };
}

/** Error codes an operation can answer: those its auth and body imply, its own, and the 500. */
export function operationErrors(operation: OperationContract): ErrorCode[] {
  const codes = new Set<ErrorCode>(operation.errors ?? []);
  if (operation.auth !== 'none') codes.add('unauthorized');
  if (operation.body)
    ['malformed_request', 'payload_too_large', 'unsupported_media_type', 'validation_failed'].forEach((c) => codes.add(c as ErrorCode));
  if (operation.useCaseQuery) codes.add('validation_failed');
  codes.add('internal_error');
  return [...codes];
}

function responses(operation: OperationContract, toSchema: (schema: z.ZodType, io: 'output') => JsonSchema) {
  const result: Record<string, { description: string; content?: Record<string, unknown>; headers?: Record<string, unknown> }> = {};
  for (const [status, response] of Object.entries(operation.responses)) {
    const content = response.json
      ? { 'application/json': { schema: toSchema(response.json, 'output') } }
      : response.file
        ? Object.fromEntries(response.file.split(', ').map((type) => [type, { schema: { type: 'string', contentMediaType: type } }]))
        : undefined;
    const headers = response.headers
      ? Object.fromEntries(
          Object.entries(response.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }]),
        )
      : undefined;
    result[status] = { description: response.description, ...(content ? { content } : {}), ...(headers ? { headers } : {}) };
  }
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of operationErrors(operation)) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  for (const [status, codes] of byStatus) {
    const problem = { schema: { allOf: [{ $ref: '#/components/schemas/Problem' }, { properties: { code: { enum: codes } } }] } };
    const existing = result[status];
    result[status] = existing
      ? { ...existing, content: { ...existing.content, 'application/problem+json': problem } }
      : { description: `Problem: ${codes.join(', ')}`, content: { 'application/problem+json': problem } };
  }
  return result;
}
