// The public JSON API contract, exercised through the real route handlers (Request in,
// Response out) on real PostgreSQL and the Mongo wire server: errors, accounts, journal
// entries. Reports, tenancy and the OpenAPI document: http-api-reports.int.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../helpers/api';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
let api: ApiClient;
const call: ApiClient['call'] = (...args) => api.call(...args);

let alice: string;
let org: string;
const entry = (date: string, amount: string, memo = 'Consulting invoice') => ({
  date,
  memo,
  lines: [
    { accountCode: '1100', debit: amount },
    { accountCode: '4100', credit: amount },
  ],
});

beforeAll(async () => {
  ctx = await createTestContext();
  api = await createApiClient(ctx);
  alice = await api.tokenFor('alice');
  const created = await call('POST', '/api/v1/organizations', {
    token: alice,
    body: { name: 'Acme Ltd', baseCurrency: 'EUR', fiscalYearStartMonth: 7 },
  });
  expect(created.status).toBe(201);
  org = created.json.id as string;
});

afterAll(async () => {
  await api.close();
  await ctx.close();
});

describe('authentication and malformed requests', () => {
  it('answers problem+json with stable codes', async () => {
    const cases = [
      [await call('GET', '/api/v1/organizations'), 401, 'unauthorized'],
      [await call('GET', '/api/v1/organizations', { token: 'cbk_nope' }), 401, 'unauthorized'],
      [await call('POST', '/api/v1/tokens', { body: { email: 'alice@example.test', password: 'wrong' } }), 401, 'unauthorized'],
      [await call('POST', '/api/v1/tokens', { rawBody: '{"email": ' }), 400, 'malformed_request'],
      [
        await call('POST', '/api/v1/tokens', { rawBody: 'email=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
        415,
        'unsupported_media_type',
      ],
      [
        await call('POST', `/api/v1/organizations/${org}/journal-entries`, {
          token: alice,
          rawBody: JSON.stringify({ memo: 'x'.repeat(1_100_000) }),
        }),
        413,
        'payload_too_large',
      ],
      [await call('POST', '/api/v1/organizations', { token: alice, body: { name: '', baseCurrency: 'euro' } }), 422, 'validation_failed'],
    ] as const;
    for (const [result, status, code] of cases) {
      expect(result.status).toBe(status);
      expect(result.type).toBe('application/problem+json');
      expect(result.json.code).toBe(code);
    }
    const invalid = await call('POST', '/api/v1/organizations', { token: alice, body: { name: '', baseCurrency: 'euro' } });
    expect((invalid.json.errors as { field: string }[]).map((error) => error.field).sort()).toEqual(['baseCurrency', 'name']);
  });
});

describe('accounts', () => {
  it('lists the default chart and refuses duplicates and a second retained-earnings account', async () => {
    const list = await call('GET', `/api/v1/organizations/${org}/accounts`, { token: alice });
    expect((list.json.accounts as { code: string }[]).map((a) => a.code)).toContain('3200');
    const created = await call('POST', `/api/v1/organizations/${org}/accounts`, {
      token: alice,
      body: { code: '4150', name: 'Training revenue', type: 'revenue' },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ code: '4150', type: 'revenue', isActive: true });
    expect(
      (
        await call('POST', `/api/v1/organizations/${org}/accounts`, {
          token: alice,
          body: { code: '4150', name: 'Again', type: 'revenue' },
        })
      ).json.code,
    ).toBe('conflict');
    expect(
      (
        await call('POST', `/api/v1/organizations/${org}/accounts`, {
          token: alice,
          body: { code: '3300', name: 'RE 2', type: 'equity', isRetainedEarnings: true },
        })
      ).json.code,
    ).toBe('conflict');
  });
});

describe('journal entries', () => {
  it('posts, replays an Idempotency-Key and refuses the key with another body', async () => {
    const headers = { 'idempotency-key': 'invoice-2026-0001' };
    const first = await call('POST', `/api/v1/organizations/${org}/journal-entries`, {
      token: alice,
      body: entry('2026-10-03', '1200.00'),
      headers,
    });
    expect(first.status).toBe(201);
    expect(typeof first.json.sequence).toBe('number');
    const replay = await call('POST', `/api/v1/organizations/${org}/journal-entries`, {
      token: alice,
      body: entry('2026-10-03', '1200'),
      headers,
    });
    expect(replay.status).toBe(201);
    expect(replay.json).toEqual(first.json);
    const conflict = await call('POST', `/api/v1/organizations/${org}/journal-entries`, {
      token: alice,
      body: entry('2026-10-03', '1300.00'),
      headers,
    });
    expect(conflict.status).toBe(409);
    expect(conflict.json.code).toBe('idempotency_conflict');
    expect(await ctx.prisma.journalEntry.count({ where: { organizationId: org } })).toBe(1);
  });

  it('rejects unbalanced entries, unknown accounts and malformed amounts with field errors', async () => {
    const unbalanced = await call('POST', `/api/v1/organizations/${org}/journal-entries`, {
      token: alice,
      body: {
        date: '2026-10-04',
        memo: 'x',
        lines: [
          { accountCode: '1000', debit: '10.00' },
          { accountCode: '4100', credit: '9.99' },
        ],
      },
    });
    expect([unbalanced.status, unbalanced.json.code]).toEqual([422, 'unbalanced_entry']);
    expect(unbalanced.json.title).toContain('0.01');
    const unknown = await call('POST', `/api/v1/organizations/${org}/journal-entries`, {
      token: alice,
      body: {
        date: '2026-10-04',
        memo: 'x',
        lines: [
          { accountCode: '1000', debit: '10.00' },
          { accountCode: '9999', credit: '10.00' },
        ],
      },
    });
    expect([unknown.status, unknown.json.code, unknown.json.errors]).toEqual([
      422,
      'unknown_account',
      [{ field: 'lines.1.accountCode', message: 'Unknown account "9999"' }],
    ]);
    const malformed = await call('POST', `/api/v1/organizations/${org}/journal-entries`, {
      token: alice,
      body: {
        date: '2026-10-04',
        memo: 'x',
        lines: [
          { accountCode: '1000', debit: 10 },
          { accountCode: '4100', credit: '1e1' },
        ],
      },
    });
    expect([malformed.status, malformed.json.code]).toEqual([422, 'validation_failed']);
  });

  it('closes a period, refuses postings into it, reopens it', async () => {
    expect((await call('POST', `/api/v1/organizations/${org}/periods/2026-09/close`, { token: alice })).json).toMatchObject({
      period: '2026-09',
      status: 'closed',
    });
    const refused = await call('POST', `/api/v1/organizations/${org}/journal-entries`, { token: alice, body: entry('2026-09-30', '5.00') });
    expect([refused.status, refused.json.code]).toEqual([409, 'period_closed']);
    expect((await call('POST', `/api/v1/organizations/${org}/periods/2026-09/close`, { token: alice })).json.code).toBe('conflict');
    expect((await call('POST', `/api/v1/organizations/${org}/periods/2026-13/close`, { token: alice })).json.code).toBe(
      'validation_failed',
    );
    expect((await call('POST', `/api/v1/organizations/${org}/periods/2026-09/reopen`, { token: alice })).json).toMatchObject({
      period: '2026-09',
      status: 'open',
    });
    expect(
      (await call('POST', `/api/v1/organizations/${org}/journal-entries`, { token: alice, body: entry('2026-09-30', '5.00') })).status,
    ).toBe(201);
  });

  it('reverses an entry once', async () => {
    const posted = await call('POST', `/api/v1/organizations/${org}/journal-entries`, {
      token: alice,
      body: entry('2026-10-10', '77.77', 'Wrong invoice'),
    });
    const id = posted.json.id as string;
    const early = await call('POST', `/api/v1/organizations/${org}/journal-entries/${id}/reversal`, {
      token: alice,
      body: { date: '2026-10-09' },
    });
    expect(early.json.code).toBe('validation_failed');
    const reversal = await call('POST', `/api/v1/organizations/${org}/journal-entries/${id}/reversal`, {
      token: alice,
      body: { date: '2026-10-11' },
    });
    expect(reversal.status).toBe(201);
    expect(reversal.json.sequence as number).toBeGreaterThan(posted.json.sequence as number);
    const again = await call('POST', `/api/v1/organizations/${org}/journal-entries/${id}/reversal`, {
      token: alice,
      body: { date: '2026-10-12' },
    });
    expect([again.status, again.json.code]).toEqual([409, 'conflict']);
    const lines = await ctx.prisma.journalLine.findMany({ where: { entryId: reversal.json.id as string }, orderBy: { lineNo: 'asc' } });
    expect(lines.map((line) => [line.debitMinor, line.creditMinor])).toEqual([
      [0n, 7777n],
      [7777n, 0n],
    ]);
  });
});

describe('listing entries', () => {
  it('filters by date, account and text, newest first', async () => {
    const all = await call('GET', `/api/v1/organizations/${org}/journal-entries`, { token: alice });
    expect(all.json).toMatchObject({ page: 1, pages: 1 });
    expect(all.json.total).toBeGreaterThanOrEqual(4);
    const october = await call('GET', `/api/v1/organizations/${org}/journal-entries?from=2026-10-01&to=2026-10-31&text=wrong`, {
      token: alice,
    });
    expect(
      (october.json.entries as { memo: string; total: string; isReversed: boolean }[]).map((e) => [e.memo, e.total, e.isReversed]),
    ).toEqual([
      ['Reversal of: Wrong invoice', '77.77', false],
      ['Wrong invoice', '77.77', true],
    ]);
    const onAccount = await call('GET', `/api/v1/organizations/${org}/journal-entries?account=4100&from=2026-09-01&to=2026-09-30`, {
      token: alice,
    });
    expect(onAccount.json.total).toBe(1);
    const bad = await call('GET', `/api/v1/organizations/${org}/journal-entries?from=2026-13-01`, { token: alice });
    expect([bad.status, bad.json.code]).toEqual([422, 'validation_failed']);
  });
});
