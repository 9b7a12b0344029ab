// The HTTP side of the hardening issue, through the real route handlers: a foreign ID is
// indistinguishable from an unknown one (item 10), cookie-authenticated writes refuse other
// origins (item 9), a client that goes away is not a server error (item 5), and text the
// database cannot store is the client's 422, not a 500 (found by the API fuzz).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signIn } from '../../lib/domains/auth/sessions';
import { reportObjectId } from '../../lib/domains/reports/ids';
import { createApiClient, type ApiClient } from '../helpers/api';
import { createTestContext, type TestContext } from '../helpers/context';
import { buildWorld, ledgerFingerprint, type World } from '../helpers/world';
import { logger } from '../../lib/adapters/observability/logger';

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

let ctx: TestContext;
let api: ApiClient;
let world: World;

beforeAll(async () => {
  ctx = await createTestContext();
  api = await createApiClient(ctx);
  world = await buildWorld(ctx, api);
}, 120_000);

afterAll(async () => {
  await api.close();
  await ctx.close();
});

describe('probing IDs of another organization (item 10)', () => {
  const unknownObjectId = 'fedcba9876543210fedcba98';

  it('answers a foreign ID exactly as an unknown one: same status, type, title and code', async () => {
    const { own, foreign } = world;
    const cases: [string, string][] = [
      [`/api/v1/organizations/${foreign.org}`, `/api/v1/organizations/${randomUUID()}`],
      [`/api/v1/organizations/${foreign.org}/accounts`, `/api/v1/organizations/${randomUUID()}/accounts`],
      [`/api/v1/reports/${foreign.report}`, `/api/v1/reports/${unknownObjectId}`],
      // The ID a prober would compute for a report of that organization that was never built.
      [`/api/v1/reports/${foreign.report}`, `/api/v1/reports/${reportObjectId(foreign.org, 'balance-sheet', '2001-01').toHexString()}`],
      [`/api/v1/reports/${foreign.report}/pdf`, `/api/v1/reports/${unknownObjectId}/pdf`],
      [`/api/v1/report-runs/${foreign.run}`, `/api/v1/report-runs/${randomUUID()}`],
      [`/api/v1/report-runs/${foreign.run}/download`, `/api/v1/report-runs/${randomUUID()}/download`],
      [`/api/v1/report-snapshots/${foreign.snapshot}`, `/api/v1/report-snapshots/${unknownObjectId}`],
      [`/api/v1/report-snapshots/${foreign.snapshot}/pdf`, `/api/v1/report-snapshots/${unknownObjectId}/pdf`],
      [
        `/api/v1/organizations/${foreign.org}/journal-entries/${foreign.entry}/reversal`,
        `/api/v1/organizations/${randomUUID()}/journal-entries/${own.entry}/reversal`,
      ],
    ];
    for (const [foreignUrl, unknownUrl] of cases) {
      const method = foreignUrl.endsWith('/reversal') ? 'POST' : 'GET';
      const body = method === 'POST' ? { date: world.today } : undefined;
      const [a, b] = [
        await api.call(method, foreignUrl, { token: world.tokens.admin, body }),
        await api.call(method, unknownUrl, { token: world.tokens.admin, body }),
      ];
      const strip = (json: Record<string, unknown>) => ({ ...json, instance: undefined });
      expect([a.status, a.type], foreignUrl).toEqual([404, 'application/problem+json']);
      expect(strip(a.json), foreignUrl).toEqual(strip(b.json));
      expect(a.json.instance).toBe(foreignUrl);
    }
  });
});

describe('cookie-authenticated writes from another origin (item 9)', () => {
  let upload: Handler;
  let cookie: string;
  const csv = () => `entry,date,memo,account,debit,credit\n1,${world.today},Upload,1100,7.00,\n1,${world.today},Upload,4100,,7.00\n`;

  beforeAll(async () => {
    upload = ((await import('../../app/orgs/[orgId]/import/upload/route')) as { POST: Handler }).POST;
    const session = await signIn({
      prisma: ctx.prisma,
      input: { email: world.emails.accountant, password: world.password },
      address: null,
      now: ctx.app.now(),
    });
    cookie = `theme=dark; closebook_session=${session.secret}`;
  });

  const send = (headers: Record<string, string>, url = `http://closebook.test/orgs/${world.own.org}/import/upload`) =>
    upload(new Request(url, { method: 'POST', headers: { cookie, 'content-type': 'text/csv', ...headers }, body: csv() }), {
      params: Promise.resolve({ orgId: world.own.org }),
    });

  it.each([['https://evil.example'], ['null'], ['http://closebook.test.evil.example'], ['not a url']])(
    'refuses Origin %s with 403 forbidden problem+json and imports nothing',
    async (origin) => {
      const before = await ledgerFingerprint(ctx);
      const response = await send({ origin });
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(((await response.json()) as { code: string }).code).toBe('forbidden');
      expect(await ledgerFingerprint(ctx)).toBe(before);
    },
  );

  it('refuses a cross-site fetch that sends no Origin but says where it came from', async () => {
    expect((await send({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
  });

  it('accepts its own origin, also behind a proxy that forwards the public host', async () => {
    expect((await send({ origin: 'http://closebook.test', 'sec-fetch-site': 'same-origin' })).status).toBe(201);
    const proxied = await send(
      { origin: 'https://books.example', 'x-forwarded-host': 'books.example' },
      `http://127.0.0.1:3000/orgs/${world.own.org}/import/upload`,
    );
    expect(proxied.status).toBe(201);
    expect((await send({})).status).toBe(201); // no Origin: not a browser form
  });

  it('leaves bearer-token requests alone (a token is not sent by the browser on its own)', async () => {
    const result = await api.call('POST', `/api/v1/organizations/${world.own.org}/journal-entries/import`, {
      token: world.tokens.accountant,
      rawBody: csv(),
      headers: { 'content-type': 'text/csv', origin: 'https://evil.example' },
    });
    expect(result.status).toBe(201);
  });
});

describe('a client that goes away (item 5)', () => {
  it('is not logged as an unexpected error', async () => {
    const route = (await import('../../app/api/v1/organizations/[org]/journal-entries/route')) as { POST: Handler };
    // Unexpected errors go to the process's logger (lib/adapters/http/problem.ts).
    const errors = vi.spyOn(logger(), 'error');
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    try {
      const controller = new AbortController();
      const aborted = Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
      const body = new ReadableStream<Uint8Array>({
        start(stream) {
          stream.enqueue(new TextEncoder().encode('{"date": "2026-'));
        },
        pull(stream) {
          controller.abort();
          stream.error(aborted);
        },
      });
      const request = new Request(`http://closebook.test/api/v1/organizations/${world.own.org}/journal-entries`, {
        method: 'POST',
        headers: { authorization: `Bearer ${world.tokens.admin}`, 'content-type': 'application/json' },
        body,
        signal: controller.signal,
        duplex: 'half',
      } as RequestInit);
      const before = await ledgerFingerprint(ctx);
      const response = await route.POST(request, { params: Promise.resolve({ org: world.own.org }) });
      expect(response.status).toBe(499);
      expect(errors).not.toHaveBeenCalled();
      expect(debug).toHaveBeenCalledWith(
        '[api] client closed the request',
        `/api/v1/organizations/${world.own.org}/journal-entries`,
        'aborted',
      );
      expect(await ledgerFingerprint(ctx)).toBe(before);
    } finally {
      errors.mockRestore();
      debug.mockRestore();
    }
  });
});

describe('text PostgreSQL cannot store', () => {
  it('a lone surrogate in a JSON string is a 422 naming the field (it was a 500 from Prisma)', async () => {
    const result = await api.call('POST', '/api/v1/organizations', {
      token: world.tokens.admin,
      rawBody: '{"name":"\\udfff\\ud800","baseCurrency":"EUR"}',
    });
    expect([result.status, result.json.code]).toEqual([422, 'validation_failed']);
    expect(result.json.errors).toEqual([{ field: 'name', message: 'Must be valid Unicode text (a lone surrogate was sent)' }]);
  });
});
