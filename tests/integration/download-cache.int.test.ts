// The download hot path (lib/adapters/web/download-hot-path.ts) and the caches behind it, with a real
// LISTEN connection: it serves a warm download from memory, and every write that changes
// the answer — a posting's rebuild, a removed membership, a signed-out session — stops it
// from serving the old answer within the stated bound (BOUND_MS), after which the request
// goes on to the Next.js route (here: a 599 "handed on" marker).
import { renderSourceDocument } from '../../lib/adapters/pdf/render-source';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../lib/domains/auth/secrets';
import { sessionCookieName, signIn } from '../../lib/domains/auth/sessions';
import { listenForInvalidations, type InvalidationListener } from '../../lib/adapters/cache/invalidation';
import { addMember, removeMember } from '../../lib/domains/organizations/members';
import { updateReportSettings } from '../../lib/domains/organizations/report-settings';
import { findReportHeader } from '../../lib/domains/reports/store';
import { fileVariant, reportEtag } from '../../lib/domains/reports/files';
import { serveDownloadFromMemory, serveWarmDownload } from '../../lib/adapters/web/download-hot-path';
import { refreshAheadFor } from '../../lib/adapters/web/refresh-ahead';
import { serveSnapshotFromMemory } from '../../lib/adapters/web/snapshot-hot-path';
import { createApiClient, type ApiClient } from '../helpers/api';
import { createTestContext, type TestContext } from '../helpers/context';

/** How soon a committed change stops the hot path from serving the old answer (stated in README). */
const BOUND_MS = 1_000;
const HANDED_ON = 599;

let ctx: TestContext;
let api: ApiClient;
let server: Server;
let listener: InvalidationListener;
let base: string;
let token: string;
let organizationId: string;
let reportId: string;

async function hot(path: string, headers: Record<string, string>): Promise<{ status: number; etag: string | null; bytes: number }> {
  const response = await fetch(`${base}${path}`, { headers });
  const body = await response.arrayBuffer();
  return { status: response.status, etag: response.headers.get('etag'), bytes: body.byteLength };
}

/** Polls until `check` holds, failing after BOUND_MS. */
async function within(check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > BOUND_MS) throw new Error(`not within ${BOUND_MS} ms`);
    await sleep(10);
  }
  return Date.now() - started;
}

async function downloadThroughRoute(path: string, authToken = token): Promise<string> {
  const response = await api.call('GET', path, { token: authToken });
  expect(response.status).toBe(200);
  return response.response.headers.get('etag') ?? '';
}

async function post(amount: string): Promise<void> {
  const body = {
    date: '2026-11-10',
    memo: 'Sale',
    lines: [
      { accountCode: '1000', debit: amount },
      { accountCode: '4000', credit: amount },
    ],
  };
  expect((await api.call('POST', `/api/v1/organizations/${organizationId}/journal-entries`, { token, body })).status).toBe(201);
}

/** As web/main.ts listens: the caches, and the refresh ahead of rebuilt reports. */
function listen(): InvalidationListener {
  return listenForInvalidations({
    connectionString: ctx.databaseUrl,
    caches: ctx.app.caches,
    onInvalidation: (kind, key) => {
      if (kind === 'report' && key !== '*') refreshAheadFor(ctx.app).changed(key);
    },
  });
}

beforeAll(async () => {
  ctx = await createTestContext();
  api = await createApiClient(ctx);
  const actor = await ctx.newUser('owner');
  const email = (await ctx.prisma.user.findUniqueOrThrow({ where: { id: actor.userId } })).email;
  token = (await api.call('POST', '/api/v1/tokens', { body: { email, password: 'correct horse' } })).json.token as string;
  organizationId = (await api.call('POST', '/api/v1/organizations', { token, body: { name: 'Hot Ltd', baseCurrency: 'EUR' } })).json
    .id as string;
  await post('100.00');
  const lookup = await api.call('GET', `/api/v1/organizations/${organizationId}/reports?type=trial-balance&period=2026-11`, { token });
  reportId = lookup.json.id as string;
  await ctx.drainJobs();

  listener = listen();
  // As the web front does: the synchronous warm answer first, then the path that loads what is missing.
  server = createServer((request, response) => {
    if (serveWarmDownload(ctx.app, request, response, 'test-request')) return;
    void serveDownloadFromMemory(ctx.app, request, response)
      .then(async (served) => served || serveSnapshotFromMemory(ctx.app, request, response))
      .then((served) => {
        if (!served) response.writeHead(HANDED_ON).end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await within(() => Promise.resolve(ctx.app.caches.enabled));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await listener.stop();
  await api.close();
  await ctx.close();
});

describe('the download hot path', () => {
  it('renders a cold download once and serves it, the same bytes and ETag as the route; a 304 too', async () => {
    const path = `/api/v1/reports/${reportId}/pdf`;
    const auth = { authorization: `Bearer ${token}` };
    const cold = await hot(path, auth); // rendered here, on the render threads
    expect(cold.status).toBe(200);
    const etag = await downloadThroughRoute(path);
    expect(cold.etag).toBe(etag);
    const warm = await hot(path, auth);
    expect(warm).toMatchObject({ status: 200, etag, bytes: cold.bytes });
    expect(warm.bytes).toBeGreaterThan(1000);
    expect((await hot(path, { ...auth, 'if-none-match': etag })).status).toBe(304);
    expect(await hot(`${path}?paper=letter`, auth)).toMatchObject({ status: 200, etag: etag.replace('pdf-A4', 'pdf-LETTER') });
    // Unknown tokens and unexpected parameters are the route's business.
    expect((await hot(path, { authorization: 'Bearer cbk_nope' })).status).toBe(HANDED_ON);
    expect((await hot(`${path}?x=1`, auth)).status).toBe(HANDED_ON);
  });

  it('never serves the old bytes once a posting is rebuilt: the new ETag within the bound', async () => {
    const path = `/api/v1/reports/${reportId}/pdf`;
    const auth = { authorization: `Bearer ${token}` };
    const before = (await hot(path, auth)).etag;
    await post('5.00');
    await ctx.drainJobs(); // the worker's rebuild saves the document, then notifies
    await within(async () => (await hot(path, auth)).etag !== before);
    const after = await downloadThroughRoute(path);
    expect(after).not.toBe(before);
    expect(await hot(path, auth)).toMatchObject({ status: 200, etag: after });
  });

  it("follows the organization's report settings: a changed number format or paper is a new ETag within the bound", async () => {
    const path = `/api/v1/reports/${reportId}/pdf`;
    const auth = { authorization: `Bearer ${token}` };
    const before = await hot(path, auth);
    expect(before.etag).toMatch(/\.pdf-A4-en"$/);
    const owner = (await ctx.prisma.membership.findFirstOrThrow({ where: { organizationId, role: 'admin' } })).userId;
    await updateReportSettings({
      prisma: ctx.prisma,
      actor: { userId: owner },
      organizationId,
      input: { numberFormat: 'de', paperSize: 'LETTER' },
    });
    // The organizations trigger notifies; the hot path's cached settings are dropped.
    await within(async () => (await hot(path, auth)).etag !== before.etag);
    const after = await downloadThroughRoute(path);
    expect(after).toMatch(/\.pdf-LETTER-de"$/);
    expect(await hot(path, auth)).toMatchObject({ status: 200, etag: after });
    // A download that names its paper still gets it, in the organization's number format.
    expect((await hot(`${path}?paper=a4`, auth)).etag).toMatch(/\.pdf-A4-de"$/);
    // Only admins change settings.
    const viewer = await ctx.newUser('settings-viewer');
    await addMember({
      prisma: ctx.prisma,
      actor: { userId: owner },
      organizationId,
      input: { email: (await ctx.prisma.user.findUniqueOrThrow({ where: { id: viewer.userId } })).email, role: 'accountant' },
      now: new Date(),
    });
    await expect(
      updateReportSettings({ prisma: ctx.prisma, actor: viewer, organizationId, input: { numberFormat: 'en', paperSize: 'A4' } }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      updateReportSettings({
        prisma: ctx.prisma,
        actor: { userId: owner },
        organizationId,
        input: { numberFormat: 'xx', paperSize: 'A4' },
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await updateReportSettings({
      prisma: ctx.prisma,
      actor: { userId: owner },
      organizationId,
      input: { numberFormat: 'en', paperSize: 'A4' },
    });
    await within(async () => (await hot(path, auth)).etag === before.etag);
  });

  it('stops serving a removed member within the bound', async () => {
    const viewer = await ctx.newUser('viewer');
    const email = (await ctx.prisma.user.findUniqueOrThrow({ where: { id: viewer.userId } })).email;
    const owner = await ctx.prisma.membership.findFirstOrThrow({ where: { organizationId, role: 'admin' } });
    await addMember({
      prisma: ctx.prisma,
      actor: { userId: owner.userId },
      organizationId,
      input: { email, role: 'viewer' },
      now: new Date(),
    });
    const viewerToken = (await api.call('POST', '/api/v1/tokens', { body: { email, password: 'correct horse' } })).json.token as string;
    const path = `/api/v1/reports/${reportId}/pdf`;
    await downloadThroughRoute(path, viewerToken);
    expect((await hot(path, { authorization: `Bearer ${viewerToken}` })).status).toBe(200);
    await removeMember({ prisma: ctx.prisma, actor: { userId: owner.userId }, organizationId, userId: viewer.userId });
    await within(async () => (await hot(path, { authorization: `Bearer ${viewerToken}` })).status === HANDED_ON);
    // The route then answers 404, as for any report of an organization one is not a member of.
    expect((await api.call('GET', path, { token: viewerToken })).status).toBe(404);
  });

  it('stops serving a signed-out session within the bound', async () => {
    const owner = await ctx.prisma.membership.findFirstOrThrow({ where: { organizationId, role: 'admin' } });
    const email = (await ctx.prisma.user.findUniqueOrThrow({ where: { id: owner.userId } })).email;
    const { secret } = await signIn({ prisma: ctx.prisma, input: { email, password: 'correct horse' }, address: null, now: new Date() });
    const cookie = { cookie: `${sessionCookieName()}=${encodeURIComponent(secret)}` };
    const path = `/reports/${reportId}/pdf`;
    await downloadThroughRoute(`/api/v1/reports/${reportId}/pdf`); // same ETag and bytes as the browser's route
    expect((await hot(path, cookie)).status).toBe(200);
    const { signOut } = await import('../../lib/domains/auth/sessions');
    await signOut({ prisma: ctx.prisma, secret });
    await within(async () => (await hot(path, cookie)).status === HANDED_ON);
  });

  it('stops serving a token revoked (by the API or plain SQL) or expired within the bound: a trigger notifies', async () => {
    const owner = await ctx.prisma.membership.findFirstOrThrow({ where: { organizationId, role: 'admin' } });
    const email = (await ctx.prisma.user.findUniqueOrThrow({ where: { id: owner.userId } })).email;
    const path = `/api/v1/reports/${reportId}/pdf`;
    for (const revoke of [
      // DELETE /api/v1/tokens/{id}, as its owner would.
      async (_hash: string, id: string) => expect((await api.call('DELETE', `/api/v1/tokens/${id}`, { token })).status).toBe(204),
      (hash: string) => ctx.pool.query('DELETE FROM api_tokens WHERE token_hash = $1', [hash]),
      (hash: string) => ctx.pool.query(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [hash]),
    ]) {
      const issued = (await api.call('POST', '/api/v1/tokens', { body: { email, password: 'correct horse' } })).json;
      const second = issued.token as string;
      await downloadThroughRoute(path, second);
      expect((await hot(path, { authorization: `Bearer ${second}` })).status).toBe(200);
      await revoke(hashSecret(second), issued.id as string);
      await within(async () => (await hot(path, { authorization: `Bearer ${second}` })).status === HANDED_ON);
      expect((await api.call('GET', path, { token: second })).status).toBe(401);
    }
  });

  it('is off while the listener is down (nothing served from caches that may have missed a change)', async () => {
    const path = `/api/v1/reports/${reportId}/pdf`;
    await listener.stop();
    expect(ctx.app.caches.enabled).toBe(false);
    expect((await hot(path, { authorization: `Bearer ${token}` })).status).toBe(HANDED_ON);
    listener = listen();
    await within(() => Promise.resolve(ctx.app.caches.enabled));
    expect((await hot(path, { authorization: `Bearer ${token}` })).status).toBe(200);
  });
});

describe('read your writes', () => {
  it('a lookup that finds a newer document than this process cached drops the cached header', async () => {
    const cache = ctx.app.caches.reportHeaders;
    const current = await findReportHeader(ctx.db, new ObjectId(reportId));
    if (!current) throw new Error('no document');
    // As if the rebuild's notification had not arrived yet.
    cache.set(reportId, { ...current, asOfSequence: current.asOfSequence - 1 }, cache.begin());
    const lookup = await api.call('GET', `/api/v1/organizations/${organizationId}/reports?type=trial-balance&period=2026-11`, { token });
    expect(lookup.json).toMatchObject({ upToDate: true, asOfSequence: current.asOfSequence });
    expect(cache.get(reportId)).toBeUndefined();
  });
});

describe('a cold report asked for by many at once', () => {
  it('is rendered once, on the render threads, and every request gets the same bytes', async () => {
    const lookup = await api.call('GET', `/api/v1/organizations/${organizationId}/reports?type=general-ledger&period=2026-11`, { token });
    await ctx.drainJobs();
    const renderer = ctx.app.renderer;
    const renderFile = renderer.renderFile.bind(renderer);
    let renders = 0;
    renderer.renderFile = (...args) => {
      renders += 1;
      return renderFile(...args);
    };
    try {
      const path = `/api/v1/reports/${lookup.json.id as string}/xlsx`;
      const responses = await Promise.all(Array.from({ length: 20 }, () => api.call('GET', path, { token })));
      expect(responses.map((response) => response.status)).toEqual(Array.from({ length: 20 }, () => 200));
      expect(new Set(responses.map((response) => response.response.headers.get('etag'))).size).toBe(1);
      expect(renders).toBe(1);
    } finally {
      renderer.renderFile = renderFile;
    }
  });

  it("a cold PDF through the hot path: one streamed render, every request gets the whole file and the route's ETag", async () => {
    await post('7.00');
    await ctx.drainJobs();
    const lookup = await api.call('GET', `/api/v1/organizations/${organizationId}/reports?type=general-ledger&period=2026-11`, { token });
    expect(lookup.json.upToDate).toBe(true);
    const renderer = ctx.app.renderer;
    const renderPdfStream = renderer.renderPdfStream.bind(renderer);
    let streams = 0;
    renderer.renderPdfStream = (...args) => {
      streams += 1;
      return renderPdfStream(...args);
    };
    try {
      const path = `/api/v1/reports/${lookup.json.id as string}/pdf`;
      const auth = { authorization: `Bearer ${token}` };
      const answers = await Promise.all(
        Array.from({ length: 20 }, async () => {
          const response = await fetch(`${base}${path}`, { headers: auth });
          const body = Buffer.from(await response.arrayBuffer());
          return { status: response.status, etag: response.headers.get('etag'), body };
        }),
      );
      expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 20 }, () => 200));
      expect(streams).toBe(1);
      const [first] = answers;
      expect(first?.body.subarray(0, 5).toString()).toBe('%PDF-');
      expect(first?.body.subarray(-6).toString()).toContain('%%EOF');
      for (const answer of answers) expect(answer.body.equals(first?.body ?? Buffer.alloc(0))).toBe(true);
      expect(first?.etag).toBe(await downloadThroughRoute(path));
      // Now cached whole: served with its length.
      const warm = await fetch(`${base}${path}`, { headers: auth });
      expect(warm.headers.get('content-length')).toBe(String(first?.body.length));
    } finally {
      renderer.renderPdfStream = renderPdfStream;
    }
  });

  it('renders a rebuilt report that was being served before anyone asks again (refresh ahead)', async () => {
    const lookup = await api.call('GET', `/api/v1/organizations/${organizationId}/reports?type=balance-sheet&period=2026-11`, { token });
    const id = lookup.json.id as string;
    const path = `/api/v1/reports/${id}/pdf`;
    const auth = { authorization: `Bearer ${token}` };
    const before = await hot(path, auth);
    expect(before.status).toBe(200);
    // The downloads' renderer: the refresh has a thread of its own, so this one must not be asked.
    const renderPdfStream = ctx.app.renderer.renderPdfStream.bind(ctx.app.renderer);
    let downloadRenders = 0;
    ctx.app.renderer.renderPdfStream = (document, ...rest) => {
      if (renderSourceDocument(document).id === id) downloadRenders += 1;
      return renderPdfStream(document, ...rest);
    };
    try {
      await post('11.00');
      await ctx.drainJobs();
      // No request: the rebuild's notification alone renders the new version into the file cache.
      const newEtag = async () => {
        const header = await findReportHeader(ctx.app.db, new ObjectId(id));
        return header && reportEtag(header, fileVariant('pdf', { paper: 'A4', numberFormat: 'en' }));
      };
      await within(async () => {
        const etag = await newEtag();
        return etag !== null && etag !== before.etag && ctx.app.fileCache.get(etag) !== undefined;
      });
      const after = await fetch(`${base}${path}`, { headers: auth });
      expect(after.status).toBe(200);
      expect(after.headers.get('etag')).toBe(await newEtag());
      // Served from the file cache, whole (with its length): the refresh's render, not a new one.
      expect(after.headers.get('content-length')).not.toBeNull();
      await after.arrayBuffer();
      expect(downloadRenders).toBe(0);
    } finally {
      ctx.app.renderer.renderPdfStream = renderPdfStream;
    }
  });
});

describe('a report run snapshot PDF', () => {
  it("is served from memory once read: the route's bytes and ETag, 304 when unchanged, and only to members", async () => {
    const started = await api.call('POST', '/api/v1/report-runs', {
      token,
      body: { period: '2026-11', organizationIds: [organizationId] },
    });
    expect(started.status).toBe(202);
    await ctx.drainJobs();
    const progress = await api.call('GET', `/api/v1/report-runs/${started.json.id as string}`, { token });
    const [organization] = progress.json.organizations as { snapshots: { snapshotId: string }[] }[];
    const snapshotId = organization?.snapshots[0]?.snapshotId ?? '';
    const path = `/api/v1/report-snapshots/${snapshotId}/pdf`;
    const auth = { authorization: `Bearer ${token}` };
    const route = await api.call('GET', path, { token });
    expect(route.status).toBe(200);
    const routeEtag = route.response.headers.get('etag');
    for (let i = 0; i < 2; i++) expect(await hot(path, auth)).toMatchObject({ status: 200, etag: routeEtag });
    expect((await hot(path, { ...auth, 'if-none-match': routeEtag ?? '' })).status).toBe(304);
    expect((await api.call('GET', path, { token, headers: { 'if-none-match': routeEtag ?? '' } })).status).toBe(304);
    // Not a member, or no such snapshot: the route answers (404).
    const outsider = await ctx.newUser('outsider');
    const outsiderEmail = (await ctx.prisma.user.findUniqueOrThrow({ where: { id: outsider.userId } })).email;
    const outsiderToken = (await api.call('POST', '/api/v1/tokens', { body: { email: outsiderEmail, password: 'correct horse' } })).json
      .token as string;
    expect((await hot(path, { authorization: `Bearer ${outsiderToken}` })).status).toBe(HANDED_ON);
    expect((await hot(`/api/v1/report-snapshots/${'0'.repeat(24)}/pdf`, auth)).status).toBe(HANDED_ON);
  });
});
