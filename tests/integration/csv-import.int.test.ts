// CSV import through the public API: a file with problems is refused whole with every
// problem listed, and a valid file of 10,000 lines is posted in one transaction.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { reportObjectId } from '../../lib/domains/reports/ids';
import { findReport } from '../../lib/domains/reports/store';
import { verifyReports } from '../../lib/domains/reports/commands/verify-reports';
import { createApiClient, type ApiClient } from '../helpers/api';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
let api: ApiClient;
let token: string;
let org: string;
const HEADER = 'entry,date,memo,reference,account,debit,credit,description';

beforeAll(async () => {
  ctx = await createTestContext();
  api = await createApiClient(ctx);
  token = await api.tokenFor('importer');
  org = (await api.call('POST', '/api/v1/organizations', { token, body: { name: 'Import Ltd', baseCurrency: 'EUR' } })).json.id as string;
  await api.call('POST', `/api/v1/organizations/${org}/periods/2026-01/close`, { token });
});

afterAll(async () => {
  await api.close();
  await ctx.close();
});

const upload = (csv: string, dryRun: boolean) =>
  api.call('POST', `/api/v1/organizations/${org}/journal-entries/import${dryRun ? '?dryRun=true' : ''}`, {
    token,
    rawBody: csv,
    headers: { 'content-type': 'text/csv' },
  });

it('lists every problem of a bad file and imports nothing', async () => {
  const csv = [
    HEADER,
    '1,2026-10-03,Unbalanced,,1100,100.00,,',
    '1,,,,4000,,99.99,',
    '2,2026-01-10,Closed,,1100,1,,',
    '2,,,,4000,,1,',
    '3,2026-10-04,Unknown,,7777,1,,',
    '3,,,,4000,,1,',
  ].join('\n');
  for (const dryRun of [true, false]) {
    const result = await upload(csv, dryRun);
    expect(result.status).toBe(422);
    expect(result.json).toMatchObject({ imported: false, entries: 3, lines: 6 });
    expect((result.json.problems as { row: number }[]).map((problem) => problem.row)).toEqual([2, 4, 6]);
  }
  expect(await ctx.prisma.journalEntry.count({ where: { organizationId: org } })).toBe(0);
  const wrongType = await api.call('POST', `/api/v1/organizations/${org}/journal-entries/import`, { token, body: { csv } });
  expect(wrongType.json.code).toBe('unsupported_media_type');
});

it('imports 10,000 lines all at once', async () => {
  const rows = [HEADER];
  let expected = 0n;
  for (let entry = 1; entry <= 2_500; entry++) {
    const cents = BigInt(100 + ((entry * 7919) % 900_000));
    const amount = `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
    const half = cents / 2n;
    const rest = cents - half;
    const format = (minor: bigint) => `${minor / 100n}.${(minor % 100n).toString().padStart(2, '0')}`;
    const date = `2026-${String(2 + (entry % 9)).padStart(2, '0')}-${String(1 + (entry % 28)).padStart(2, '0')}`;
    rows.push(`${entry},${date},Invoice ${entry},INV-${entry},1100,${amount},,`);
    rows.push(`${entry},,,,4000,,${format(half)},"Goods, part 1"`);
    rows.push(`${entry},,,,4100,,${format(rest)},Services`);
    rows.push(`${entry},,,,6300,0.01,,Stamp`);
    rows[rows.length - 3] = `${entry},,,,4000,,${format(half + 1n)},"Goods, part 1"`;
    expected += cents + 1n;
  }
  const csv = rows.join('\n');
  expect(rows.length - 1).toBe(10_000);
  const preview = await upload(csv, true);
  expect(preview.json).toMatchObject({ imported: false, entries: 2_500, lines: 10_000, problems: [] });

  const started = performance.now();
  const result = await upload(csv, false);
  const seconds = (performance.now() - started) / 1000;
  console.log(`[csv-import] 10,000 lines (2,500 entries) checked and posted in ${seconds.toFixed(2)} s`);
  expect(result.status).toBe(201);
  expect(result.json).toMatchObject({ imported: true, entries: 2_500, lines: 10_000 });
  expect((result.json.lastSequence as number) - (result.json.firstSequence as number)).toBe(2_499);
  expect(await ctx.prisma.journalLine.count({ where: { organizationId: org } })).toBe(10_000);

  await ctx.drainJobs();
  const document = await findReport(ctx.db, reportObjectId(org, 'trial-balance', '2026-10'));
  if (document?.type !== 'trial-balance') throw new Error('trial balance missing');
  const format = (minor: bigint) => `${minor / 100n}.${(minor % 100n).toString().padStart(2, '0')}`;
  expect(document.totals.debit).toBe(format(expected));
  expect((await verifyReports({ prisma: ctx.prisma, db: ctx.db })).differences).toEqual([]);
}, 180_000);
