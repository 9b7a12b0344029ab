// Bulk CSV import (issue 10): each file is one statement on the raw pg pool
// (closebook_import_entries). Files spread over months keep the hash chain verifiable and
// the reports equal to a recomputation from the journal; an import and postings into the
// same organization at once keep both; a change made while a file waits for the lock
// refuses it whole; and a period rebuild waits while an import that changes that period is
// being written, and builds once it has committed.
import { setTimeout as sleep } from 'node:timers/promises';
import { runOnce } from 'graphile-worker';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../lib/domains/auth/access';
import { queueLogger } from '../../lib/adapters/queue/logger';
import { createOrganization } from '../../lib/domains/ledger/commands/create-organization';
import { importJournalEntries } from '../../lib/domains/ledger/commands/import-journal-entries';
import { postJournalEntry } from '../../lib/domains/ledger/commands/post-journal-entry';
import { verifyLedgers } from '../../lib/domains/ledger/queries/verify-ledger';
import { verifyReports } from '../../lib/domains/reports/commands/verify-reports';
import { reportObjectId } from '../../lib/domains/reports/ids';
import { findReportHeader } from '../../lib/domains/reports/store';
import { isAppError } from '../../lib/errors';
import { createTaskList } from '../../workers/tasks';
import { createTestContext, type TestContext } from '../helpers/context';

const NOW = new Date('2026-11-20T10:00:00Z');
const MONTHS = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];
/** Text the pg array literal must carry unchanged: quotes, braces, commas, backslashes, the word NULL, non-ASCII. */
const TRICKY = 'He said "hi", {braces} \\ back\\slash, NULL, Łódź';

let ctx: TestContext;
let actor: Actor;
let org: string;

const format = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

/** `entries` entries of 2–4 lines dated over `months`; every 50th line carries TRICKY (CSV-quoted). */
function journalCsv(entries: number, months: readonly string[], seed: number): { csv: string; lines: number } {
  const rows = ['entry,date,memo,reference,account,debit,credit,description'];
  for (let i = 0; i < entries; i++) {
    const month = months[Math.floor((i * months.length) / entries)] ?? months[0];
    const date = `${month}-${String(1 + ((i * 7 + seed) % 28)).padStart(2, '0')}`;
    const total = 300 + ((i * 7919 + seed * 31) % 500_000);
    const parts = 1 + (i % 3);
    const head = `${i + 1},${date},Entry ${seed}-${i + 1},R-${seed}-${i + 1}`;
    const description = rows.length % 50 === 0 ? `"${TRICKY.replaceAll('"', '""')}"` : '';
    rows.push(`${head},1100,${format(total)},,${description}`);
    let left = total;
    for (let part = 0; part < parts; part++) {
      const amount = part === parts - 1 ? left : Math.floor(total / parts);
      left -= amount;
      rows.push(`${head},${part % 2 === 0 ? '4000' : '4100'},,${format(amount)},part ${part + 1}`);
    }
  }
  return { csv: rows.join('\n'), lines: rows.length - 1 };
}

const importCsv = (csv: string) =>
  importJournalEntries({ prisma: ctx.prisma, sql: ctx.app.sql, actor, organizationId: org, csv, dryRun: false, now: NOW });

async function entryCount(): Promise<number> {
  return ctx.prisma.journalEntry.count({ where: { organizationId: org } });
}

async function expectBooksIntact(): Promise<void> {
  const [verified] = await verifyLedgers({ prisma: ctx.prisma, organizationId: org });
  expect(verified).toMatchObject({ ok: true });
  expect(verified?.firstBrokenSequence).toBeUndefined();
  expect((await verifyReports({ prisma: ctx.prisma, db: ctx.db })).differences).toEqual([]);
}

/** Holds a transaction on a connection of its own until `release` (COMMIT). */
async function holdTransaction(statements: [string, unknown[]][]): Promise<{ client: pg.PoolClient; release: () => Promise<void> }> {
  const client = await ctx.pool.connect();
  await client.query('BEGIN');
  for (const [text, values] of statements) await client.query(text, values);
  return {
    client,
    release: async () => {
      await client.query('COMMIT');
      client.release();
    },
  };
}

async function importChanges(period: string): Promise<boolean> {
  const { rows } = await ctx.pool.query<{ changes: boolean }>('SELECT closebook_import_changes($1::uuid, $2) AS changes', [org, period]);
  return rows[0]?.changes ?? false;
}

beforeAll(async () => {
  ctx = await createTestContext();
  actor = await ctx.newUser('importer');
  org = (await createOrganization({ prisma: ctx.prisma, actor, input: { name: 'Bulk Import Ltd', baseCurrency: 'EUR' }, now: NOW })).id;
  await ctx.drainJobs();
});

afterAll(async () => {
  await ctx.close();
});

describe('bulk import', () => {
  it('imports files spread over months: contiguous sequences, a verifiable chain, reports equal to the journal', async () => {
    const first = journalCsv(1_200, MONTHS, 1);
    const second = journalCsv(800, MONTHS.slice(1, 4), 2);
    const a = await importCsv(first.csv);
    const b = await importCsv(second.csv);
    expect(a).toMatchObject({ imported: true, entries: 1_200, lines: first.lines, problems: [] });
    expect(b).toMatchObject({ imported: true, entries: 800, lines: second.lines, problems: [] });
    expect((a.lastSequence ?? 0) - (a.firstSequence ?? 0)).toBe(1_199);
    expect(b.firstSequence).toBe((a.lastSequence ?? 0) + 1);
    expect(await ctx.prisma.journalLine.count({ where: { organizationId: org } })).toBe(first.lines + second.lines);
    // Text reaches PostgreSQL as array elements: nothing is lost or turned into NULL on the way.
    const tricky = await ctx.prisma.journalLine.count({ where: { organizationId: org, description: TRICKY } });
    expect(tricky).toBeGreaterThan(10);
    const withoutDescription = await ctx.prisma.journalLine.count({ where: { organizationId: org, description: null } });
    expect(withoutDescription).toBeGreaterThan(0);
    // One event per entry, in file order, each with the API's payload.
    const entry = await ctx.prisma.journalEntry.findFirst({
      where: { organizationId: org, sequence: BigInt(a.firstSequence ?? 0) },
      include: { lines: { orderBy: { lineNo: 'asc' } } },
    });
    expect(entry).toMatchObject({ memo: 'Entry 1-1', reference: 'R-1-1', period: '2026-05' });
    const event = await ctx.prisma.ledgerEvent.findUnique({ where: { sequence: BigInt(a.firstSequence ?? 0) } });
    expect(event?.type).toBe('journal_entry.posted');
    expect(event?.payload).toMatchObject({ entryId: entry?.id, memo: 'Entry 1-1', lines: [{ accountCode: '1100', debit: '3.31' }, {}] });

    await ctx.drainJobs();
    await expectBooksIntact();
    // Every month of the files and every later one up to the current month has its reports.
    for (const period of [...MONTHS, '2026-11']) {
      const header = await findReportHeader(ctx.db, reportObjectId(org, 'general-ledger', period));
      expect(header?.asOfSequence, period).toBe(b.lastSequence);
    }
  }, 120_000);

  it('an import and postings into the same organization at once keep both, and the chain stays valid', async () => {
    const before = await entryCount();
    const file = journalCsv(1_500, MONTHS, 3);
    const post = (i: number) =>
      postJournalEntry({
        prisma: ctx.prisma,
        sql: ctx.app.sql,
        actor,
        organizationId: org,
        input: {
          date: '2026-10-15',
          memo: `Concurrent ${i}`,
          lines: [
            { accountCode: '1100', debit: '1.00' },
            { accountCode: '4000', credit: '1.00' },
          ],
        },
        now: NOW,
      });
    // Two clients keep posting for as long as the file takes (so some postings wait for its lock).
    let importing = true;
    let next = 0;
    const keepPosting = async () => {
      const sequences: number[] = [];
      while (importing) sequences.push(Number((await post(next++)).sequence));
      return sequences;
    };
    const file$ = importCsv(file.csv).finally(() => (importing = false));
    const [imported, ...clients] = await Promise.all([file$, keepPosting(), keepPosting()]);
    const posted = clients.flat();
    expect(imported.imported).toBe(true);
    expect(posted.length).toBeGreaterThan(0);
    expect(await entryCount()).toBe(before + 1_500 + posted.length);
    // The organization's lock serialises them: no posting lands inside the file's sequences.
    const first = imported.firstSequence ?? 0;
    const last = imported.lastSequence ?? 0;
    expect(last - first).toBe(1_499);
    for (const sequence of posted) expect(sequence < first || sequence > last).toBe(true);
    expect(posted.some((sequence) => sequence > last)).toBe(true);
    await ctx.drainJobs();
    await expectBooksIntact();
  }, 120_000);

  it('refuses a file whole when an account it uses is deactivated while it waits for the lock', async () => {
    const before = await entryCount();
    const file = journalCsv(300, ['2026-09', '2026-10'], 4);
    const lock = await holdTransaction([['SELECT 1 FROM organizations WHERE id = $1 FOR UPDATE', [org]]]);
    const pending = importCsv(file.csv).then(
      () => null,
      (error: unknown) => error,
    );
    // The file's marker is taken before the row lock: it shows while the file waits.
    for (let i = 0; i < 200 && !(await importChanges('2026-09')); i++) await sleep(25);
    expect(await importChanges('2026-09')).toBe(true);
    expect(await importChanges('2026-08')).toBe(false);
    await lock.client.query("UPDATE accounts SET is_active = false WHERE organization_id = $1 AND code = '4100'", [org]);
    await lock.release();
    const error = await pending;
    expect(isAppError(error) && error.code).toBe('validation_failed');
    expect(isAppError(error) && error.fieldErrors[0]?.message).toMatch(/problem\(s\); preview again/);
    expect(await entryCount()).toBe(before);
    expect(await importChanges('2026-09')).toBe(false);
    await ctx.pool.query("UPDATE accounts SET is_active = true WHERE organization_id = $1 AND code = '4100'", [org]);
    const again = await importCsv(file.csv);
    expect(again.imported).toBe(true);
    await ctx.drainJobs();
    await expectBooksIntact();
  }, 120_000);

  it('a period rebuild waits while an import that changes the period is being written', async () => {
    const taskList = createTaskList({ prisma: ctx.prisma, db: ctx.db });
    const runDue = () => runOnce({ pgPool: ctx.pool, taskList, logger: queueLogger('error') });
    const asOf = async (period: string) => (await findReportHeader(ctx.db, reportObjectId(org, 'trial-balance', period)))?.asOfSequence;
    // A posting in 2026-06 makes 2026-06 … 2026-11 stale and queues their jobs.
    const posted = await postJournalEntry({
      prisma: ctx.prisma,
      sql: ctx.app.sql,
      actor,
      organizationId: org,
      input: {
        date: '2026-06-10',
        memo: 'Backdated',
        lines: [
          { accountCode: '1100', debit: '5.00' },
          { accountCode: '4000', credit: '5.00' },
        ],
      },
      now: NOW,
    });
    // An import starting in 2026-08 is being written (its marker, held here).
    const marker = await holdTransaction([
      ['SELECT pg_advisory_xact_lock_shared(closebook_import_key($1::uuid), closebook_period_number($2))', [org, '2026-08']],
    ]);
    await sleep(300); // the posting's jobs are due 200 ms after it
    await runDue();
    expect(await asOf('2026-06')).toBe(Number(posted.sequence));
    expect(await asOf('2026-07')).toBe(Number(posted.sequence));
    for (const period of ['2026-08', '2026-09', '2026-11']) expect(await asOf(period), period).toBeLessThan(Number(posted.sequence));
    const { rows } = await ctx.pool.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM graphile_worker.jobs
        WHERE key LIKE $1 AND run_at > now() AND attempts = 0`,
      [`period:${org}:%`],
    );
    expect(rows[0]?.waiting).toBe(4); // 2026-08 … 2026-11, put back
    await marker.release();
    await sleep(600);
    await ctx.drainJobs();
    for (const period of ['2026-08', '2026-09', '2026-10', '2026-11']) expect(await asOf(period), period).toBe(Number(posted.sequence));
    await expectBooksIntact();
  }, 120_000);
});
