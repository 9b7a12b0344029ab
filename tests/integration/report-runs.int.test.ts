// End-of-period report runs on real PostgreSQL, the real queue and the MongoDB wire server:
// snapshots are immutable, the ZIP, and the same run cannot start twice. Failures, retries
// and a killed worker: report-runs-recovery.int.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../lib/domains/auth/access';
import { postJournalEntry } from '../../lib/domains/ledger/commands/post-journal-entry';
import { addMember } from '../../lib/domains/organizations/members';
import { getRunProgress } from '../../lib/domains/report-runs/queries/get-run-progress';
import { getSnapshotPdf } from '../../lib/domains/report-runs/queries/get-snapshot';
import { sha256Hex, findSnapshot } from '../../lib/domains/report-runs/snapshot-store';
import { startReportRun } from '../../lib/domains/report-runs/commands/start-run';
import { parseReportId, reportObjectId } from '../../lib/domains/reports/ids';
import { findReport } from '../../lib/domains/reports/store';
import { createApiClient, type ApiClient } from '../helpers/api';
import { createTestContext, type TestContext } from '../helpers/context';
import { countSnapshots, createClientBooks, NOW, PERIOD } from '../helpers/report-run-books';
import { readZip } from '../helpers/zip';

let ctx: TestContext;
let api: ApiClient;
let actor: Actor;
const organizations: { id: string; name: string }[] = [];

async function createClient(name: string, seed: number): Promise<string> {
  const id = await createClientBooks(ctx, actor, name, seed);
  organizations.push({ id, name });
  return id;
}
const snapshotCount = (runId: string) => countSnapshots(ctx, runId);

beforeAll(async () => {
  ctx = await createTestContext();
  api = await createApiClient(ctx);
  actor = await ctx.newUser('partner');
  await createClient('Acme Ltd', 11);
  await createClient('Bistro / Café "Łódź"', 12);
  await createClient('Acme Ltd', 13); // same name as the first: the ZIP needs two folders
  await ctx.drainJobs();
}, 120_000);

afterAll(async () => {
  await api.close();
  await ctx.close();
});

describe('a report run', () => {
  let runId: string;

  it('snapshots every report of every organization, with progress figures', async () => {
    const started = await startReportRun({ prisma: ctx.prisma, actor, input: { period: PERIOD }, now: NOW });
    expect(started.created).toBe(true);
    runId = started.id;
    const before = await getRunProgress({ prisma: ctx.prisma, actor, runId });
    expect(before).toMatchObject({ status: 'running', total: 12, done: 0, failed: 0, pending: 12 });

    await ctx.drainJobs();
    const after = await getRunProgress({ prisma: ctx.prisma, actor, runId });
    expect(after).toMatchObject({ status: 'completed', total: 12, done: 12, failed: 0, pending: 0, etaSeconds: 0 });
    expect(after.finishedAt).not.toBeNull();
    expect(after.ratePerSecond).toBeGreaterThan(0);
    expect(after.organizations.map((organization) => organization.name)).toEqual(['Acme Ltd', 'Acme Ltd', 'Bistro / Café "Łódź"']);
    expect(await snapshotCount(runId)).toBe(12);

    // Each snapshot is the report of that organization and period, as its own PDF.
    for (const organization of after.organizations) {
      for (const item of organization.snapshots) {
        const stored = await findSnapshot(ctx.db, parseReportId(item.snapshotId ?? '')!);
        expect(stored?.document).toMatchObject({ organizationId: organization.organizationId, type: item.type, period: PERIOD });
        const pdf = await getSnapshotPdf({ prisma: ctx.prisma, db: ctx.db, actor, snapshotId: item.snapshotId! });
        expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
        expect(sha256Hex(pdf.body)).toBe(item.sha256);
        expect(pdf.body.length).toBe(item.bytes);
        expect(item.pages).toBeGreaterThanOrEqual(1);
      }
    }
    // One snapshot of the books per organization: its four reports agree on the sequence.
    for (const organization of after.organizations) {
      expect(new Set(organization.snapshots.map((item) => item.asOfSequence)).size).toBe(1);
    }
  });

  it('keeps snapshots unchanged when later entries change the live report', async () => {
    const progress = await getRunProgress({ prisma: ctx.prisma, actor, runId });
    const first = progress.organizations[0]!;
    const trialBalance = first.snapshots.find((item) => item.type === 'trial-balance')!;
    const frozen = await findSnapshot(ctx.db, parseReportId(trialBalance.snapshotId!)!);
    const frozenPdf = await getSnapshotPdf({ prisma: ctx.prisma, db: ctx.db, actor, snapshotId: trialBalance.snapshotId! });

    // A late adjustment dated in the period: the live trial balance moves on…
    await postJournalEntry({
      prisma: ctx.prisma,
      actor,
      organizationId: first.organizationId,
      input: {
        date: '2026-10-31',
        memo: 'Late accrual',
        lines: [
          { accountCode: '6400', debit: '1234.56' },
          { accountCode: '2200', credit: '1234.56' },
        ],
      },
      now: NOW,
    });
    await ctx.drainJobs();
    const live = await findReport(ctx.db, reportObjectId(first.organizationId, 'trial-balance', PERIOD));
    expect(live?.asOfSequence).toBeGreaterThan(trialBalance.asOfSequence!);

    // …the snapshot that was sent does not.
    const again = await findSnapshot(ctx.db, parseReportId(trialBalance.snapshotId!)!);
    expect(again).toEqual(frozen);
    const againPdf = await getSnapshotPdf({ prisma: ctx.prisma, db: ctx.db, actor, snapshotId: trialBalance.snapshotId! });
    expect(againPdf.body.equals(frozenPdf.body)).toBe(true);
    expect((await getRunProgress({ prisma: ctx.prisma, actor, runId })).organizations[0]!.snapshots).toEqual(first.snapshots);

    // And the database refuses to repoint a delivered item, whoever tries.
    await expect(
      ctx.pool.query(`UPDATE report_run_items SET snapshot_id = $1 WHERE snapshot_id = $2`, ['0'.repeat(24), trialBalance.snapshotId]),
    ).rejects.toThrow(/delivered snapshot/);
  });

  it('streams a ZIP with a folder per organization, readable names and an index', async () => {
    const token = await api.tokenFor('zip-reader');
    const reader = (await ctx.prisma.user.findUniqueOrThrow({ where: { email: 'zip-reader@example.test' } })).id;
    // Not a member of every organization of the run: the run does not exist for them.
    const hidden = await api.call('GET', `/api/v1/report-runs/${runId}/download`, { token });
    expect(hidden.status).toBe(404);
    for (const organization of organizations) {
      await addMember({
        prisma: ctx.prisma,
        actor,
        organizationId: organization.id,
        input: { email: 'zip-reader@example.test', role: 'viewer' },
        now: NOW,
      });
    }
    expect(reader).toBeTruthy();

    const figures = await api.call('GET', `/api/v1/report-runs/${runId}?organizations=false`, { token });
    expect(figures.json).toMatchObject({ id: runId, status: 'completed', total: 12, done: 12, failed: 0, pending: 0, organizations: [] });
    const listed = await api.call('GET', '/api/v1/report-runs', { token });
    expect((listed.json.runs as { id: string }[]).map((run) => run.id)).toContain(runId);

    const response = await api.call('GET', `/api/v1/report-runs/${runId}/download`, { token });
    expect(response.status).toBe(200);
    expect(response.type).toBe('application/zip');
    expect(response.response.headers.get('content-disposition')).toContain(`2026-10%20reports%20(run%20${runId.slice(0, 8)}).zip`);
    const entries = await readZip(Buffer.from(await response.response.arrayBuffer()));
    const names = entries.map((entry) => entry.name).sort();
    expect(names).toEqual(
      [
        'index.csv',
        ...['Acme Ltd', 'Acme Ltd (2)', 'Bistro Café Łódź'].flatMap((folder) =>
          ['Balance sheet', 'General ledger', 'Income statement', 'Trial balance'].map((title) => `${folder}/2026-10 ${title}.pdf`),
        ),
      ].sort(),
    );
    const progress = await getRunProgress({ prisma: ctx.prisma, actor, runId });
    const shas = new Set(progress.organizations.flatMap((organization) => organization.snapshots.map((item) => item.sha256)));
    for (const entry of entries.filter((file) => file.name.endsWith('.pdf'))) {
      expect(shas.has(sha256Hex(entry.data))).toBe(true);
      expect(entry.compressed).toBe(false);
    }
    const index = entries.find((entry) => entry.name === 'index.csv')!.data.toString('utf8');
    expect(index.startsWith('\ufeffOrganization,Report,Period,Status,File')).toBe(true);
    expect(index.split('\r\n').filter(Boolean)).toHaveLength(13);
    expect(index).toContain('"Bistro / Café ""Łódź""",Balance sheet,2026-10,done,Bistro Café Łódź/2026-10 Balance sheet.pdf');

    // Each snapshot is downloadable on its own, byte for byte the same.
    const one = progress.organizations[1]!.snapshots[0]!;
    const single = await api.call('GET', `/api/v1/report-snapshots/${one.snapshotId}/pdf`, { token });
    expect(single.status).toBe(200);
    expect(sha256Hex(Buffer.from(await single.response.arrayBuffer()))).toBe(one.sha256);
    const meta = await api.call('GET', `/api/v1/report-snapshots/${one.snapshotId}`, { token });
    expect(meta.json).toMatchObject({ runId, type: one.type, period: PERIOD, pdf: { sha256: one.sha256 } });
    // The snapshot names the state of the books it was built from, in the API and in index.csv.
    expect(one.ledgerHash).toMatch(/^[0-9a-f]{64}$/);
    expect(meta.json.ledgerHash).toBe(one.ledgerHash);
    expect((meta.json.document as { ledgerHash?: string }).ledgerHash).toBe(one.ledgerHash);
    expect(index).toContain(`,${one.ledgerHash ?? 'missing'},`);
    const stranger = await api.tokenFor('stranger');
    expect((await api.call('GET', `/api/v1/report-snapshots/${one.snapshotId}/pdf`, { token: stranger })).status).toBe(404);
    expect((await api.call('GET', `/api/v1/report-runs/${runId}`, { token: stranger })).status).toBe(404);
  });
});

describe('starting the same run twice', () => {
  it('returns the running run instead of creating a duplicate set', async () => {
    const ids = organizations.map((organization) => organization.id);
    const input = { period: '2026-09', organizationIds: ids, types: ['trial-balance', 'balance-sheet'] };
    const [a, b] = await Promise.all([
      startReportRun({ prisma: ctx.prisma, actor, input, now: NOW }),
      startReportRun({
        prisma: ctx.prisma,
        actor,
        input: { ...input, organizationIds: [...ids].reverse(), types: ['balance-sheet', 'trial-balance'] },
        now: NOW,
      }),
    ]);
    expect(a.id).toBe(b.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);

    // Through the API: 200 with the same ID (a new run answers 202).
    const token = await api.tokenFor('second-partner');
    const user = (await ctx.prisma.user.findUniqueOrThrow({ where: { email: 'second-partner@example.test' } })).id;
    for (const id of ids) await ctx.prisma.membership.create({ data: { organizationId: id, userId: user, role: 'accountant' } });
    const again = await api.call('POST', '/api/v1/report-runs', { token, body: input });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ id: a.id, created: false });
    const different = await api.call('POST', '/api/v1/report-runs', { token, body: { ...input, types: ['trial-balance'] } });
    expect(different.status).toBe(202);
    expect(different.json.id).not.toBe(a.id);
    expect(different.response.headers.get('location')).toBe(`/api/v1/report-runs/${String(different.json.id)}`);

    await ctx.drainJobs();
    expect(await ctx.prisma.reportRunItem.count({ where: { runId: a.id } })).toBe(6);
    expect(await snapshotCount(a.id)).toBe(6);
    // Retry without a body: every failed organization (none here).
    const retried = await api.call('POST', `/api/v1/report-runs/${a.id}/retry`, { token });
    expect(retried.status).toBe(202);
    expect(retried.json).toEqual({ retried: 0 });
    // Once it has finished, the same request is a new run (next month's re-send, say).
    const later = await startReportRun({ prisma: ctx.prisma, actor, input, now: NOW });
    expect(later).toMatchObject({ created: true });
    expect(later.id).not.toBe(a.id);
    await ctx.drainJobs();
  });

  it('rejects bad input with problem+json', async () => {
    const token = await api.tokenFor('validator');
    const bad = await api.call('POST', '/api/v1/report-runs', { token, body: { period: '2026-13' } });
    expect(bad.status).toBe(422);
    expect(bad.json).toMatchObject({ code: 'validation_failed' });
    const future = await api.call('POST', '/api/v1/report-runs', { token, body: { period: '2099-01' } });
    expect(future.status).toBe(422);
    const foreign = await api.call('POST', '/api/v1/report-runs', {
      token,
      body: { period: PERIOD, organizationIds: [organizations[0]!.id] },
    });
    expect(foreign.status).toBe(404);
    const unknownType = await api.call('POST', '/api/v1/report-runs', { token, body: { period: PERIOD, types: ['cash-flow'] } });
    expect(unknownType.status).toBe(422);
    const extra = await api.call('POST', '/api/v1/report-runs', { token, body: { period: PERIOD, organisationIds: [] } });
    expect(extra.status).toBe(422);
    // A user with no organizations has nothing to run.
    const none = await api.call('POST', '/api/v1/report-runs', { token, body: { period: PERIOD } });
    expect(none.status).toBe(422);
    expect((await api.call('GET', '/api/v1/report-runs/not-a-uuid', { token })).status).toBe(404);
  });
});
