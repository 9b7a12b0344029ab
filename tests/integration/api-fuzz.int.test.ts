// Property tests over every operation of API_OPERATIONS (the list is iterated, so a new
// route is fuzzed without touching this file): random and hostile path parameters, query
// strings, headers and bodies (NUL, huge strings, deep JSON, unicode, wrong types,
// malformed JSON, wrong content types, oversized bodies). For every request:
//   - never a 5xx;
//   - every 4xx is application/problem+json with a code of the closed set and its status
//     (or a JSON body the operation declares for that status, like the import's 422 list);
//   - a rejected request leaves the ledger as it was (row counts of the journal, events,
//     accounts, organizations, memberships, closed periods and report runs);
//   - and, through the API client, every answer matches openapi.json.
// Fixed seed and a bounded number of runs, so CI time stays small and failures replay.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ERROR_STATUS } from '../../lib/errors';
import { MAX_JSON_BYTES } from '../../lib/adapters/http/json';
import type { OperationContract } from '../../lib/adapters/http/operation';
import { API_OPERATIONS } from '../../lib/adapters/http/operations';
import { createApiClient, type ApiClient } from '../helpers/api';
import { createTestContext, type TestContext } from '../helpers/context';
import { bodyValue, csvBody, headerValue, hostileRawBody, hostileString, type Pools } from '../helpers/fuzz-arbitraries';
import { ledgerFingerprint, buildWorld, type World } from '../helpers/world';
import { logger } from '../../lib/adapters/observability/logger';

const SEED = Number(process.env.CLOSEBOOK_FUZZ_SEED ?? 20_261_130);
const RUNS_PER_OPERATION = Number(process.env.CLOSEBOOK_FUZZ_RUNS ?? 100);

let ctx: TestContext;
let api: ApiClient;
let world: World;
let pools: Pools;
let fuzzed = 0;
let rejected = 0;
const statuses = new Map<string, number>();

interface FuzzRequest {
  params: Record<string, string>;
  query: [string, string][];
  headers: Record<string, string>;
  body?: string;
}

beforeAll(async () => {
  ctx = await createTestContext();
  api = await createApiClient(ctx);
  world = await buildWorld(ctx, api);
  const ids = [world.own, world.foreign].flatMap((f) => [f.org, f.entry, f.report, f.run, f.snapshot]);
  pools = {
    uuids: [world.own.org, world.foreign.org, world.own.entry],
    byName: {
      org: [world.own.org, world.own.org, world.own.org, world.foreign.org],
      id: ids,
      period: [world.period, '2026-10', '1999-12', '9999-12', '2026-13'],
      format: ['pdf', 'csv', 'xlsx', 'PDF', 'json'],
      // Far-off dates: refused by the ledger window (422), where '9999-12-31' once posted and
      // then made every later posting schedule 382,716 rebuilds.
      date: [world.today, '2026-10-05', '2026-02-30', '2025-01-01', '20261005', '9999-12-31', '1899-12-31', '0001-01-01'],
      accountCode: ['1100', '4100', '1000', '9999'],
      lines: [
        [
          { accountCode: '1100', debit: '12.34' },
          { accountCode: '4100', credit: '12.34' },
        ],
      ],
      debit: ['10.00', '0.01', '999999999999999.99', '1e3', '-5.00', '0'],
      credit: ['10.00', '0.01', '999999999999999.99', '10.001'],
      email: [world.emails.admin, 'nobody@example.test'],
      password: [world.password, 'wrong'],
      type: ['trial-balance', 'general-ledger', 'asset', 'revenue'],
      page: ['1', '0', '-1', '100000', '1e9', '99999999999999999999'],
      limit: ['1', '0', '-5', '100', '1e9', '99999999999999999999'],
      dryRun: ['true', 'false'],
      paper: ['a4', 'letter', 'LETTER'],
      organizations: ['true', 'false'],
      from: [world.today, '2026-02-30'],
      to: [world.today, '0000-00-00'],
    },
  };
}, 120_000);

afterAll(async () => {
  console.log(`[fuzz] ${fuzzed} requests over ${API_OPERATIONS.length} operations (seed ${SEED}), ${rejected} of them rejected`);
  if (process.env.CLOSEBOOK_FUZZ_STATS)
    console.log(
      [...statuses]
        .sort()
        .map(([key, n]) => `${n}\t${key}`)
        .join('\n'),
    );
  await api.close();
  await ctx.close();
});

const pick = (name: string) => fc.constantFrom(...((Object.hasOwn(pools.byName, name) ? pools.byName[name] : ['x']) as string[]));
const orHostile = (good: fc.Arbitrary<string>) => fc.oneof({ weight: 3, arbitrary: good }, { weight: 2, arbitrary: hostileString });

function queryNames(operation: OperationContract): string[] {
  return Object.keys((operation.query ?? operation.useCaseQuery)?.shape ?? {});
}

/** Present now and then: most requests carry only the usual headers. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });

/**
 * Half the requests are "near valid" (own IDs, the admin's token, the right content type,
 * a body from the schema with a hostile field now and then) so that they reach the use
 * case; the other half are hostile in every part.
 */
function requestArbitrary(operation: OperationContract): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(part(operation, true), part(operation, false));
}

function part(operation: OperationContract, nearValid: boolean): fc.Arbitrary<FuzzRequest> {
  const names = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
  // "." and ".." are resolved away by URL parsing before any route sees them; "" matches no route.
  const segment = (name: string) => (nearValid ? pick(name) : orHostile(pick(name))).filter((value) => !['', '.', '..'].includes(value));
  const params = fc.record(Object.fromEntries(names.map((name) => [name, segment(name)])));
  const knownQuery = queryNames(operation);
  const queryName =
    knownQuery.length > 0 && nearValid ? fc.constantFrom(...knownQuery) : fc.oneof(...knownQuery.map((n) => fc.constant(n)), hostileString);
  const query = fc.array(
    queryName.chain((name) => fc.tuple(fc.constant(name), nearValid ? pick(name) : orHostile(pick(name)))),
    { maxLength: 4 },
  );
  const tokens = world.tokens;
  const authorization = nearValid
    ? fc.constant(`Bearer ${tokens.admin}`)
    : fc.oneof(
        { weight: 4, arbitrary: fc.constant(`Bearer ${tokens.admin}`) },
        { weight: 1, arbitrary: fc.constantFrom(tokens.accountant, tokens.viewer, tokens.outsider).map((token) => `Bearer ${token}`) },
        {
          weight: 1,
          arbitrary: fc.oneof(
            headerValue,
            headerValue.map((value) => `Bearer ${value}`),
            fc.constant('Basic YTpi'),
          ),
        },
      );
  const jsonTypes = ['application/json', 'application/json; charset=utf-8', 'application/problem+json'];
  const otherTypes = [
    'text/csv',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/jsonx',
    '',
  ];
  const wanted = operation.body?.kind === 'csv' ? ['text/csv', 'text/plain; charset=utf-8'] : jsonTypes;
  const contentType = nearValid
    ? fc.constantFrom(...wanted)
    : fc.oneof(fc.constantFrom(...wanted), fc.constantFrom(...jsonTypes, ...otherTypes), headerValue);
  const headers = fc.record({
    authorization,
    'content-type': contentType,
    'content-length': nearValid ? fc.constant(undefined) : sometimes(fc.constantFrom('abc', '-1', '0', '99999999999', '1e3')),
    'idempotency-key': sometimes(headerValue),
    'if-none-match': sometimes(headerValue),
    origin: sometimes(fc.constantFrom('https://evil.example', 'null', 'http://closebook.test')),
    cookie: nearValid ? fc.constant(undefined) : sometimes(headerValue),
  });
  const limit = operation.body?.maxBytes ?? MAX_JSON_BYTES;
  const oversized = fc.constantFrom(limit + 1, limit + 4_096).map((size) => JSON.stringify({ memo: 'x'.repeat(size) }));
  const good = operation.body?.kind === 'csv' ? csvBody(pools) : bodyValue(operation, pools).map((value) => JSON.stringify(value));
  const body =
    operation.method === 'GET' || !operation.body
      ? fc.constant(undefined)
      : nearValid
        ? good
        : fc.oneof(
            { weight: 2, arbitrary: good },
            { weight: 4, arbitrary: hostileRawBody },
            { weight: operation.body.kind === 'csv' ? 0 : 1, arbitrary: oversized },
            { weight: 1, arbitrary: fc.constant(undefined) },
          );
  return fc.record({ params, query, headers, body }).map((request) => ({
    ...request,
    headers: Object.fromEntries(Object.entries(request.headers).filter((entry): entry is [string, string] => entry[1] !== undefined)),
  }));
}

/** A URL carries UTF-8: a lone surrogate arrives as U+FFFD, as it would from a browser. */
const wellFormed = (value: string) => value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

function urlOf(operation: OperationContract, request: FuzzRequest): string {
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(wellFormed(request.params[name] ?? '')));
  const search = new URLSearchParams(request.query.map(([key, value]) => [wellFormed(key), wellFormed(value)]));
  return search.size > 0 ? `${path}?${search.toString()}` : path;
}

function check(operation: OperationContract, status: number, type: string, json: Record<string, unknown>): void {
  expect(status, 'a 5xx').toBeLessThan(500);
  if (status < 400) return;
  const declaredJson = operation.responses[status]?.json !== undefined && type.startsWith('application/json');
  if (declaredJson) return; // a documented answer of its own (the import's list of problems), checked against openapi.json
  expect(type).toBe('application/problem+json');
  const code = json.code as keyof typeof ERROR_STATUS;
  expect(Object.keys(ERROR_STATUS)).toContain(code);
  expect(ERROR_STATUS[code]).toBe(status);
}

describe('fuzzing every operation', () => {
  it.each(API_OPERATIONS.map((operation) => [`${operation.method} ${operation.path}`, operation] as const))(
    '%s: no 5xx, problem+json 4xx, the ledger unchanged by what is rejected',
    async (_name, operation) => {
      // Unexpected errors go to the process's logger (lib/adapters/http/problem.ts).
      const errors = vi.spyOn(logger(), 'error');
      try {
        await fc.assert(
          fc.asyncProperty(requestArbitrary(operation), async (request) => {
            const before = await ledgerFingerprint(ctx);
            const started = Date.now();
            const { headers, body } = request;
            const result = await api.call(operation.method, urlOf(operation, request), {
              headers,
              ...(body === undefined ? {} : { rawBody: body }),
            });
            fuzzed += 1;
            if (process.env.CLOSEBOOK_FUZZ_STATS && Date.now() - started > 1000)
              console.log('[fuzz] slow', Date.now() - started, result.status, JSON.stringify(request).slice(0, 600));
            const key = `${operation.method} ${operation.path} ${result.status} ${result.status >= 400 ? String(result.json.code) : ''}`;
            statuses.set(key, (statuses.get(key) ?? 0) + 1);
            // Files must stream to the end without an error (a ZIP, a PDF).
            if (!result.type.includes('json')) await result.response.arrayBuffer();
            check(operation, result.status, result.type, result.json);
            if (result.status >= 400) {
              rejected += 1;
              expect(await ledgerFingerprint(ctx), 'a rejected request changed the ledger').toBe(before);
            }
          }),
          { seed: SEED, numRuns: RUNS_PER_OPERATION, endOnFailure: true },
        );
        // Unknown errors are logged as such: none may have happened.
        expect(errors.mock.calls.filter(([first]) => String(first).startsWith('[api]'))).toEqual([]);
      } finally {
        errors.mockRestore();
      }
    },
  );
});
