// The posting hot path (lib/adapters/web/posting-hot-path.ts) answers exactly as the
// Next.js route does: for every kind of request it takes, the same status, problem code and
// body shape as the route; everything it does not take (unknown token, other content
// types, no declared length, a query string, caches off) is handed on untouched (here: a
// 599 marker standing in for Next.js).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenForInvalidations, type InvalidationListener } from '../../lib/adapters/cache/invalidation';
import { servePostingFast } from '../../lib/adapters/web/posting-hot-path';
import { createApiClient, type ApiClient } from '../helpers/api';
import { createTestContext, type TestContext } from '../helpers/context';

const HANDED_ON = 599;
/** What the front's event-loop monitor would say (event-loop-lag.ts). */
let overloaded = false;

let ctx: TestContext;
let api: ApiClient;
let server: Server;
let listener: InvalidationListener;
let base: string;
let token: string;
let viewerToken: string;
let organizationId: string;
let otherOrganizationId: string;

const sale = (amount: string, extra: Record<string, unknown> = {}) => ({
  date: '2026-11-10',
  memo: 'Sale',
  lines: [
    { accountCode: '1000', debit: amount },
    { accountCode: '4000', credit: amount },
  ],
  ...extra,
});

async function hot(path: string, init: { body?: string; headers?: Record<string, string>; token?: string | null } = {}) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(init.token === null ? {} : { authorization: `Bearer ${init.token ?? token}` }),
      ...init.headers,
    },
    body: init.body ?? '',
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

const entriesPath = (org: string) => `/api/v1/organizations/${org}/journal-entries`;

async function tokenFor(actorUserId: string): Promise<string> {
  const email = (await ctx.prisma.user.findUniqueOrThrow({ where: { id: actorUserId } })).email;
  return (await api.call('POST', '/api/v1/tokens', { body: { email, password: 'correct horse' } })).json.token as string;
}

beforeAll(async () => {
  ctx = await createTestContext();
  api = await createApiClient(ctx);
  const owner = await ctx.newUser('owner');
  token = await tokenFor(owner.userId);
  organizationId = (await api.call('POST', '/api/v1/organizations', { token, body: { name: 'Fast Ltd', baseCurrency: 'EUR' } })).json
    .id as string;
  const stranger = await ctx.newUser('stranger');
  const strangerToken = await tokenFor(stranger.userId);
  otherOrganizationId = (
    await api.call('POST', '/api/v1/organizations', { token: strangerToken, body: { name: 'Other Ltd', baseCurrency: 'EUR' } })
  ).json.id as string;
  const viewer = await ctx.newUser('viewer');
  await ctx.prisma.membership.create({ data: { organizationId, userId: viewer.userId, role: 'viewer' } });
  viewerToken = await tokenFor(viewer.userId);
  await api.call('POST', `/api/v1/organizations/${organizationId}/periods/2026-09/close`, { token });

  listener = listenForInvalidations({ connectionString: ctx.databaseUrl, caches: ctx.app.caches });
  server = createServer((request, response) => {
    void servePostingFast(ctx.app, request, response, undefined, () => overloaded).then((served) => {
      if (!served) response.writeHead(HANDED_ON).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  while (!ctx.app.caches.enabled) await sleep(10);
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await listener.stop();
  await api.close();
  await ctx.close();
});

describe('the posting hot path', () => {
  it('posts: 201 with the id and sequence, the entry, its rows and its rebuild job', async () => {
    const posted = await hot(entriesPath(organizationId), { body: JSON.stringify(sale('12.34')) });
    expect(posted.status).toBe(201);
    expect(posted.headers.get('content-type')).toBe('application/json');
    expect(posted.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Object.keys(posted.json ?? {}).sort()).toEqual(['id', 'sequence']);
    const entry = await ctx.prisma.journalEntry.findUniqueOrThrow({ where: { id: posted.json?.id as string }, include: { lines: true } });
    expect(Number(entry.sequence)).toBe(posted.json?.sequence);
    expect(entry.lines.map((line) => [line.debitMinor, line.creditMinor])).toEqual([
      [1234n, 0n],
      [0n, 1234n],
    ]);
    const jobs = await ctx.pool.query(`SELECT key FROM graphile_worker._private_jobs WHERE key = $1`, [`period:${organizationId}:2026-11`]);
    expect(jobs.rowCount).toBe(1);
  });

  it('while the process is overloaded, refuses a posting with 503 and Retry-After, writes nothing, and takes it once it is not', async () => {
    const count = () => ctx.prisma.journalEntry.count({ where: { organizationId } });
    const before = await count();
    overloaded = true;
    const refused = await hot(entriesPath(organizationId), { body: JSON.stringify(sale('5.00')) }).finally(() => (overloaded = false));
    expect(refused.status).toBe(503);
    expect(refused.json?.code).toBe('service_unavailable');
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await count()).toBe(before);
    const again = await hot(entriesPath(organizationId), { body: JSON.stringify(sale('5.00')) });
    expect(again.status).toBe(201);
    expect(await count()).toBe(before + 1);
  });

  it('replays an Idempotency-Key as the route does, and refuses a different body under it', async () => {
    const headers = { 'idempotency-key': 'fast-1' };
    const first = await hot(entriesPath(organizationId), { body: JSON.stringify(sale('5.00')), headers });
    const again = await hot(entriesPath(organizationId), { body: JSON.stringify(sale('5.00')), headers });
    expect(first.status).toBe(201);
    expect(again).toMatchObject({ status: 201, json: first.json });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const conflict = await hot(entriesPath(organizationId), { body: JSON.stringify(sale('6.00')), headers });
    expect(conflict.status).toBe(409);
    expect(conflict.json?.code).toBe('idempotency_conflict');
  });

  it.each([
    ['unbalanced', 'OWN', JSON.stringify({ ...sale('1.00'), lines: [sale('1.00').lines[0], { accountCode: '4000', credit: '2' }] })],
    ['unknown account', 'OWN', JSON.stringify({ ...sale('1.00'), lines: [sale('1.00').lines[0], { accountCode: '9999', credit: '1' }] })],
    ['malformed amount', 'OWN', JSON.stringify(sale('1,00'))],
    ['closed period', 'OWN', JSON.stringify({ ...sale('1.00'), date: '2026-09-15' })],
    ['not JSON', 'OWN', '{"date": '],
    ['not an object', 'OWN', '[1, 2]'],
    ['outside the ledger window', 'OWN', JSON.stringify({ ...sale('1.00'), date: '9999-01-01' })],
    ['another organization', 'OTHER', JSON.stringify(sale('1.00'))],
    ['another organization, invalid body', 'OTHER', '{}'],
  ])('%s: the same answer as the route', async (_label, org, body) => {
    const target = org === 'OTHER' ? otherOrganizationId : organizationId;
    const fast = await hot(entriesPath(target), { body });
    const route = await api.call('POST', entriesPath(target), { token, rawBody: body });
    expect(fast.status).toBeGreaterThanOrEqual(400);
    expect(fast.status).toBe(route.status);
    expect(fast.json).toEqual(route.json);
    expect(fast.headers.get('content-type')).toBe('application/problem+json');
  });

  it('a viewer is refused (403) before anything is said about the body', async () => {
    const fast = await hot(entriesPath(organizationId), { body: '{}', token: viewerToken });
    expect(fast.status).toBe(403);
    expect(fast.json?.code).toBe('forbidden');
  });

  it('hands on what it does not take, before reading the body', async () => {
    const body = JSON.stringify(sale('1.00'));
    expect((await hot(entriesPath(organizationId), { body, token: 'cbk_unknown' })).status).toBe(HANDED_ON);
    expect((await hot(entriesPath(organizationId), { body, token: null })).status).toBe(HANDED_ON);
    expect((await hot(entriesPath(organizationId), { body, headers: { 'content-type': 'text/plain' } })).status).toBe(HANDED_ON);
    expect((await hot(`${entriesPath(organizationId)}?x=1`, { body })).status).toBe(HANDED_ON);
    expect((await hot(`${entriesPath(organizationId)}/import`, { body })).status).toBe(HANDED_ON);
    ctx.app.caches.enabled = false;
    try {
      expect((await hot(entriesPath(organizationId), { body })).status).toBe(HANDED_ON);
    } finally {
      ctx.app.caches.enabled = true;
    }
  });
});
