// The authorization matrix: every operation of API_OPERATIONS × every kind of caller, with
// the status each must get, as explicit data. An operation added to API_OPERATIONS without
// a row here fails this file, so no route reaches CI without its access rules written down.
//
// Callers: anonymous (no token), nonMember (a user with an organization of their own, calling
// with the IDs of another organization), and the viewer, accountant and admin of that
// organization. A non-member gets 404 for anything behind an organization, report, run or
// snapshot ID (an ID of another tenant names nothing), a role too low 403.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_OPERATIONS } from '../../lib/adapters/http/operations';
import { createApiClient, type ApiClient } from '../helpers/api';
import { createTestContext, type TestContext } from '../helpers/context';
import { balancedEntry, buildWorld, type World } from '../helpers/world';

const CALLERS = ['anonymous', 'nonMember', 'viewer', 'accountant', 'admin'] as const;
type Caller = (typeof CALLERS)[number];

interface Request {
  url: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

interface Row {
  /** Statuses for anonymous, nonMember, viewer, accountant, admin. */
  expect: [number, number, number, number, number];
  /** The request; may prepare what a successful call consumes (an entry to reverse, a closed period). */
  request: (w: World, n: number) => Request | Promise<Request>;
}

let ctx: TestContext;
let api: ApiClient;
let world: World;
let counter = 0;

/** A past month no other call uses (counting back from 2019-12): a period to close, to reopen, to run reports for. */
const freshPeriod = (n: number) => {
  const month = 2019 * 12 + 11 - n;
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
};
const csv = (date: string) => `entry,date,memo,account,debit,credit\n1,${date},Imported,1100,5.00,\n1,${date},Imported,4100,,5.00\n`;

const MATRIX: Record<string, Row> = {
  'POST /api/v1/tokens': {
    expect: [201, 201, 201, 201, 201], // public: the credentials decide, not the caller's token
    request: (w) => ({ url: '/api/v1/tokens', body: { email: w.emails.admin, password: w.password } }),
  },
  'GET /api/v1/tokens': { expect: [401, 200, 200, 200, 200], request: () => ({ url: '/api/v1/tokens' }) }, // one's own tokens
  'DELETE /api/v1/tokens/{id}': {
    expect: [401, 404, 404, 404, 204], // a token is its owner's alone: anybody else's is "not found"
    request: async (w) => {
      const issued = await api.call('POST', '/api/v1/tokens', { body: { email: w.emails.admin, password: w.password } });
      return { url: `/api/v1/tokens/${issued.json.id as string}` };
    },
  },
  'GET /api/v1/organizations': { expect: [401, 200, 200, 200, 200], request: () => ({ url: '/api/v1/organizations' }) },
  'POST /api/v1/organizations': {
    expect: [401, 201, 201, 201, 201], // anyone signed in may found an organization
    request: () => ({ url: '/api/v1/organizations', body: { name: 'Matrix Co', baseCurrency: 'EUR' } }),
  },
  'GET /api/v1/organizations/{org}': { expect: [401, 404, 200, 200, 200], request: (w) => ({ url: `/api/v1/organizations/${w.own.org}` }) },
  'GET /api/v1/organizations/{org}/accounts': {
    expect: [401, 404, 200, 200, 200],
    request: (w) => ({ url: `/api/v1/organizations/${w.own.org}/accounts` }),
  },
  'POST /api/v1/organizations/{org}/accounts': {
    expect: [401, 404, 403, 201, 201],
    request: (w, n) => ({
      url: `/api/v1/organizations/${w.own.org}/accounts`,
      body: { code: `97${String(n).padStart(2, '0')}`, name: `Matrix ${n}`, type: 'expense' },
    }),
  },
  'PATCH /api/v1/organizations/{org}/accounts/{id}': {
    expect: [401, 404, 403, 200, 200], // editing the chart is creating's equal
    request: async (w, n) => {
      const url = `/api/v1/organizations/${w.own.org}/accounts`;
      const created = await api.call('POST', url, {
        token: w.tokens.admin,
        body: { code: `96${String(n).padStart(2, '0')}`, name: `Matrix ${n}`, type: 'expense' },
      });
      return { url: `${url}/${created.json.id as string}`, body: { action: 'set-subtype', subtype: 'cost-of-sales' } };
    },
  },
  'POST /api/v1/organizations/{org}/invitations': {
    expect: [401, 404, 403, 403, 201], // inviting is the admin's, like managing members
    request: (w, n) => ({
      url: `/api/v1/organizations/${w.own.org}/invitations`,
      body: { email: `matrix${n}@example.test`, role: 'viewer' },
    }),
  },
  'GET /api/v1/organizations/{org}/invitations': {
    expect: [401, 404, 403, 403, 200],
    request: (w) => ({ url: `/api/v1/organizations/${w.own.org}/invitations` }),
  },
  'DELETE /api/v1/organizations/{org}/invitations/{id}': {
    expect: [401, 404, 403, 403, 204],
    request: async (w, n) => {
      const url = `/api/v1/organizations/${w.own.org}/invitations`;
      const invited = await api.call('POST', url, { token: w.tokens.admin, body: { email: `revoke${n}@example.test`, role: 'viewer' } });
      return { url: `${url}/${invited.json.id as string}` };
    },
  },
  'GET /api/v1/organizations/{org}/journal-entries': {
    expect: [401, 404, 200, 200, 200],
    request: (w) => ({ url: `/api/v1/organizations/${w.own.org}/journal-entries` }),
  },
  'POST /api/v1/organizations/{org}/journal-entries': {
    expect: [401, 404, 403, 201, 201],
    request: (w) => ({ url: `/api/v1/organizations/${w.own.org}/journal-entries`, body: balancedEntry(w.today) }),
  },
  'POST /api/v1/organizations/{org}/journal-entries/import': {
    expect: [401, 404, 403, 201, 201],
    request: (w) => ({
      url: `/api/v1/organizations/${w.own.org}/journal-entries/import`,
      rawBody: csv(w.today),
      headers: { 'content-type': 'text/csv' },
    }),
  },
  'POST /api/v1/organizations/{org}/journal-entries/{id}/reversal': {
    expect: [401, 404, 403, 201, 201],
    request: async (w) => {
      const entry = await api.call('POST', `/api/v1/organizations/${w.own.org}/journal-entries`, {
        token: w.tokens.admin,
        body: balancedEntry(w.today, '3.00', 'To reverse'),
      });
      return { url: `/api/v1/organizations/${w.own.org}/journal-entries/${entry.json.id as string}/reversal`, body: { date: w.today } };
    },
  },
  'POST /api/v1/organizations/{org}/periods/{period}/close': {
    expect: [401, 404, 403, 403, 200], // closing is the admin's
    request: (w, n) => ({ url: `/api/v1/organizations/${w.own.org}/periods/${freshPeriod(n)}/close` }),
  },
  'POST /api/v1/organizations/{org}/periods/{period}/reopen': {
    expect: [401, 404, 403, 403, 200],
    request: async (w, n) => {
      const url = `/api/v1/organizations/${w.own.org}/periods/${freshPeriod(n)}`;
      expect((await api.call('POST', `${url}/close`, { token: w.tokens.admin })).status).toBe(200);
      return { url: `${url}/reopen` };
    },
  },
  'POST /api/v1/organizations/{org}/periods/close-through': {
    expect: [401, 404, 403, 403, 200], // closing is the admin's
    // A month before the organization's first: only that month is closed, the world's books stay open.
    request: (w, n) => ({ url: `/api/v1/organizations/${w.own.org}/periods/close-through`, body: { through: freshPeriod(n) } }),
  },
  'GET /api/v1/organizations/{org}/ledger/verification': {
    expect: [401, 404, 200, 200, 200], // any member may check the books they can read
    request: (w) => ({ url: `/api/v1/organizations/${w.own.org}/ledger/verification` }),
  },
  'GET /api/v1/organizations/{org}/reports': {
    expect: [401, 404, 200, 200, 200],
    request: (w) => ({ url: `/api/v1/organizations/${w.own.org}/reports?type=trial-balance&period=${w.period}` }),
  },
  'GET /api/v1/organizations/{org}/income-statement/{format}': {
    expect: [401, 404, 200, 200, 200], // a composed range reads like the months it is made of
    request: (w) => ({ url: `/api/v1/organizations/${w.own.org}/income-statement/csv?from=${w.period}&to=${w.period}` }),
  },
  'GET /api/v1/reports/{id}': { expect: [401, 404, 200, 200, 200], request: (w) => ({ url: `/api/v1/reports/${w.own.report}` }) },
  'GET /api/v1/reports/{id}/{format}': {
    expect: [401, 404, 200, 200, 200],
    request: (w) => ({ url: `/api/v1/reports/${w.own.report}/pdf` }),
  },
  'GET /api/v1/report-runs': { expect: [401, 200, 200, 200, 200], request: () => ({ url: '/api/v1/report-runs' }) },
  'POST /api/v1/report-runs': {
    expect: [401, 404, 403, 202, 202], // a viewer may not run reports
    request: (w, n) => ({
      url: '/api/v1/report-runs',
      body: { period: freshPeriod(n), organizationIds: [w.own.org], types: ['trial-balance'] },
    }),
  },
  'GET /api/v1/report-runs/{id}': { expect: [401, 404, 200, 200, 200], request: (w) => ({ url: `/api/v1/report-runs/${w.own.run}` }) },
  'GET /api/v1/report-runs/{id}/download': {
    expect: [401, 404, 200, 200, 200],
    request: (w) => ({ url: `/api/v1/report-runs/${w.own.run}/download` }),
  },
  'POST /api/v1/report-runs/{id}/retry': {
    expect: [401, 404, 403, 202, 202],
    request: (w) => ({ url: `/api/v1/report-runs/${w.own.run}/retry` }),
  },
  'GET /api/v1/report-snapshots/{id}': {
    expect: [401, 404, 200, 200, 200],
    request: (w) => ({ url: `/api/v1/report-snapshots/${w.own.snapshot}` }),
  },
  'GET /api/v1/report-snapshots/{id}/pdf': {
    expect: [401, 404, 200, 200, 200],
    request: (w) => ({ url: `/api/v1/report-snapshots/${w.own.snapshot}/pdf` }),
  },
  'GET /api/v1/report-snapshots/{id}/changes': {
    expect: [401, 404, 200, 200, 200], // a snapshot's readers may see what changed since; a foreign one names nothing
    request: (w) => ({ url: `/api/v1/report-snapshots/${w.own.snapshot}/changes` }),
  },
  'GET /api/v1/report-snapshots/{id}/changes/pdf': {
    expect: [401, 404, 200, 200, 200],
    request: (w) => ({ url: `/api/v1/report-snapshots/${w.own.snapshot}/changes/pdf` }),
  },
};

const PROBLEM_CODES: Record<number, string> = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' };
const operationKeys = API_OPERATIONS.map((operation) => `${operation.method} ${operation.path}`);

beforeAll(async () => {
  ctx = await createTestContext();
  api = await createApiClient(ctx);
  world = await buildWorld(ctx, api);
}, 120_000);

afterAll(async () => {
  await api.close();
  await ctx.close();
});

function tokenOf(caller: Caller): string | undefined {
  if (caller === 'anonymous') return undefined;
  return world.tokens[caller === 'nonMember' ? 'outsider' : caller];
}

describe('the authorization matrix', () => {
  it('lists exactly the operations of API_OPERATIONS (a new route needs its row)', () => {
    expect(Object.keys(MATRIX).filter((key) => !operationKeys.includes(key))).toEqual([]);
    expect(operationKeys.filter((key) => !(key in MATRIX))).toEqual([]);
  });

  it.each(operationKeys)('%s', async (key) => {
    const row = MATRIX[key];
    if (!row) throw new Error(`${key} has no row in the authorization matrix: add one`);
    const method = key.split(' ')[0] as 'GET' | 'POST' | 'PATCH' | 'DELETE';
    const seen: Record<string, number> = {};
    for (const caller of CALLERS) {
      const request = await row.request(world, counter++);
      const result = await api.call(method, request.url, { ...request, token: tokenOf(caller) });
      await result.response.body?.cancel(); // a file download: the status is what counts here
      seen[caller] = result.status;
      const code = PROBLEM_CODES[result.status];
      if (code) expect(result.json.code, `${key} as ${caller}`).toBe(code);
    }
    expect(seen).toEqual(Object.fromEntries(CALLERS.map((caller, index) => [caller, row.expect[index]])));
  });
});
