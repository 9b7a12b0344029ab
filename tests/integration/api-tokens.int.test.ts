// API tokens: named tokens, the list (with `current`), revocation (401 from the next request
// on), and last_used_at — written, but at most once a minute per token, and without
// dropping the token from the web processes' credential caches.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAST_USED_RESOLUTION_MS } from '../../lib/domains/auth/api-tokens';
import { createApiClient, type ApiClient } from '../helpers/api';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
let api: ApiClient;
let first: string;
let firstId: string;

type Listed = { id: string; name: string; createdAt: string; lastUsedAt: string | null; expiresAt: string; current: boolean };

async function list(token: string): Promise<Listed[]> {
  const result = await api.call('GET', '/api/v1/tokens', { token });
  expect(result.status).toBe(200);
  return result.json.tokens as Listed[];
}

async function lastUsedAt(id: string): Promise<Date | null> {
  return (await ctx.prisma.apiToken.findUniqueOrThrow({ where: { id }, select: { lastUsedAt: true } })).lastUsedAt;
}

beforeAll(async () => {
  ctx = await createTestContext();
  api = await createApiClient(ctx);
  first = await api.tokenFor('owner');
  firstId = (await ctx.prisma.apiToken.findFirstOrThrow({ select: { id: true } })).id;
});

afterAll(async () => {
  await api.close();
  await ctx.close();
});

describe('making tokens', () => {
  it('still exchanges e-mail and password for a token named "api" (30 days)', async () => {
    const result = await api.call('POST', '/api/v1/tokens', { body: { email: 'owner@example.test', password: 'a long password' } });
    expect(result.status).toBe(201);
    expect(result.json).toMatchObject({ name: 'api', token: expect.stringMatching(/^cbk_/) as unknown });
    const days = (Date.parse(result.json.expiresAt as string) - Date.parse(result.json.createdAt as string)) / 86_400_000;
    expect(days).toBe(30);
  });

  it('makes a named token with an expiry for the bearer, the secret shown once', async () => {
    const result = await api.call('POST', '/api/v1/tokens', { token: first, body: { name: 'CI deploys', expiresInDays: 7 } });
    expect(result.status).toBe(201);
    expect(result.json.name).toBe('CI deploys');
    const days = (Date.parse(result.json.expiresAt as string) - Date.parse(result.json.createdAt as string)) / 86_400_000;
    expect(days).toBe(7);
    // It works, and it is the same user's.
    const mine = await list(result.json.token as string);
    expect(mine.find((token) => token.current)?.name).toBe('CI deploys');
    expect(mine.map((token) => token.id)).toContain(firstId);
    expect(JSON.stringify(mine)).not.toContain(result.json.token as string);
  });

  it('refuses a named token without a bearer, and a bad expiry', async () => {
    expect((await api.call('POST', '/api/v1/tokens', { body: { name: 'x' } })).status).toBe(401);
    const bad = await api.call('POST', '/api/v1/tokens', { token: first, body: { name: 'x', expiresInDays: 0 } });
    expect(bad.status).toBe(422);
    expect(bad.json.errors).toEqual([{ field: 'expiresInDays', message: 'At least 1 day' }]);
  });
});

describe('listing and revoking', () => {
  it('lists only your own working tokens, newest first, marking the current one', async () => {
    const other = await api.tokenFor('stranger');
    const second = (await api.call('POST', '/api/v1/tokens', { token: first, body: { name: 'second' } })).json;
    const asFirst = await list(first);
    expect(asFirst[0]?.name).toBe('second');
    expect(asFirst.filter((token) => token.current).map((token) => token.id)).toEqual([firstId]);
    expect((await list(second.token as string)).filter((token) => token.current).map((token) => token.id)).toEqual([second.id]);
    const strangers = await list(other);
    expect(strangers).toHaveLength(1);
    expect(strangers.map((token) => token.id)).not.toContain(firstId);
    // An expired token is not listed.
    await ctx.prisma.apiToken.update({ where: { id: second.id as string }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await list(first)).map((token) => token.id)).not.toContain(second.id);
  });

  it('revokes a token: 204, and 401 for it from the very next request', async () => {
    const victim = (await api.call('POST', '/api/v1/tokens', { token: first, body: { name: 'victim' } })).json;
    expect((await api.call('GET', '/api/v1/organizations', { token: victim.token as string })).status).toBe(200);
    const revoked = await api.call('DELETE', `/api/v1/tokens/${victim.id as string}`, { token: first });
    expect(revoked.status).toBe(204);
    const after = await api.call('GET', '/api/v1/organizations', { token: victim.token as string });
    expect(after.status).toBe(401);
    expect((await list(first)).map((token) => token.id)).not.toContain(victim.id);
    // Gone is gone: a second revocation is 404.
    expect((await api.call('DELETE', `/api/v1/tokens/${victim.id as string}`, { token: first })).status).toBe(404);
  });

  it("answers 404 for another user's token and for IDs that name nothing, and revokes nothing", async () => {
    const other = await api.tokenFor('neighbour');
    const otherId = (await list(other))[0]?.id ?? '';
    expect((await api.call('DELETE', `/api/v1/tokens/${otherId}`, { token: first })).status).toBe(404);
    expect((await api.call('DELETE', '/api/v1/tokens/not-a-uuid', { token: first })).status).toBe(404);
    expect((await api.call('GET', '/api/v1/organizations', { token: other })).status).toBe(200);
  });

  it('revokes the token the request came with', async () => {
    const self = (await api.call('POST', '/api/v1/tokens', { token: first, body: { name: 'self' } })).json;
    expect((await api.call('DELETE', `/api/v1/tokens/${self.id as string}`, { token: self.token as string })).status).toBe(204);
    expect((await api.call('GET', '/api/v1/tokens', { token: self.token as string })).status).toBe(401);
  });
});

describe('last_used_at', () => {
  it('is written on use, at most once a minute per token', async () => {
    const fresh = (await api.call('POST', '/api/v1/tokens', { token: first, body: { name: 'fresh' } })).json;
    const id = fresh.id as string;
    expect(await lastUsedAt(id)).toBeNull();
    await api.call('GET', '/api/v1/organizations', { token: fresh.token as string });
    const written = await lastUsedAt(id);
    expect(written).not.toBeNull();
    for (let i = 0; i < 5; i += 1) await api.call('GET', '/api/v1/organizations', { token: fresh.token as string });
    expect(await lastUsedAt(id)).toEqual(written);
    // A minute later (moved back instead of waiting) the next request writes it again.
    const aMinuteAgo = new Date((written?.getTime() ?? 0) - LAST_USED_RESOLUTION_MS);
    await ctx.prisma.apiToken.update({ where: { id }, data: { lastUsedAt: aMinuteAgo } });
    const listed = (await list(fresh.token as string)).find((token) => token.id === id);
    expect(Date.parse(listed?.lastUsedAt ?? '')).toBeGreaterThan(aMinuteAgo.getTime());
  });

  it('does not drop the token from the credential caches (only revocation and expiry notify)', async () => {
    const listener = new pg.Client({ connectionString: ctx.databaseUrl });
    await listener.connect();
    const received: string[] = [];
    listener.on('notification', (message) => received.push(message.payload ?? ''));
    await listener.query('LISTEN closebook_invalidate');
    try {
      await ctx.pool.query("UPDATE api_tokens SET last_used_at = now() - interval '1 hour', name = name || '.' WHERE id = $1", [firstId]);
      await ctx.pool.query("UPDATE api_tokens SET expires_at = expires_at + interval '1 day' WHERE id = $1", [firstId]);
      await ctx.pool.query('SELECT pg_notify($1, $2)', ['closebook_invalidate', 'marker']);
      await expect.poll(() => received.includes('marker')).toBe(true);
      expect(received.filter((payload) => payload.startsWith('credential:token:'))).toHaveLength(1);
    } finally {
      await listener.end();
    }
  });
});
