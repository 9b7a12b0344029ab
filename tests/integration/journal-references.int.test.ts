// The journal's references, checked once per statement (migration
// 20261207100000_journal_checks_per_statement) instead of by per-row foreign keys: the
// database still refuses a line, entry or event that refers to nothing or to another
// organization, and an account cannot be deleted under a line — also not by a DELETE that
// races a posting still in flight.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../lib/domains/auth/access';
import { createOrganization } from '../../lib/domains/ledger/commands/create-organization';
import { postJournalEntry } from '../../lib/domains/ledger/commands/post-journal-entry';
import { createTestContext, type TestContext } from '../helpers/context';

const NOW = new Date('2026-11-15T10:00:00Z');

let ctx: TestContext;
let actor: Actor;
let ours: string;
let theirs: string;

async function accountId(organizationId: string, code: string): Promise<string> {
  const row = await ctx.prisma.account.findFirstOrThrow({ where: { organizationId, code } });
  return row.id;
}

async function counts() {
  return (
    await ctx.pool.query(
      `SELECT (SELECT count(*) FROM journal_entries) AS entries, (SELECT count(*) FROM journal_lines) AS lines,
              (SELECT count(*) FROM ledger_events) AS events`,
    )
  ).rows[0] as unknown;
}

/** One balanced entry of `organizationId` through the write function, on `client`'s transaction. */
function writeEntry(client: pg.PoolClient | pg.Pool, organizationId: string, accounts: [string, string]) {
  const entryId = randomUUID();
  return client.query(
    `SELECT * FROM closebook_write_entries($1, now(), ARRAY[$4::uuid], ARRAY['2026-11-10'::date], ARRAY['2026-11'],
       ARRAY['by hand'], ARRAY[NULL::text], ARRAY[NULL::uuid], ARRAY[NULL::text], ARRAY[NULL::text],
       ARRAY['journal_entry.posted'], ARRAY[jsonb_build_object('entryId', $4::text)], ARRAY[$2::uuid],
       ARRAY[$4::uuid, $4::uuid], ARRAY[1, 2], $3::uuid[], ARRAY[100, 0]::bigint[], ARRAY[0, 100]::bigint[], ARRAY[NULL::text, NULL::text])`,
    [organizationId, actor.userId, accounts, entryId],
  );
}

beforeAll(async () => {
  ctx = await createTestContext();
  actor = await ctx.newUser('accountant');
  ours = (await createOrganization({ prisma: ctx.prisma, actor, input: { name: 'Ours Ltd', baseCurrency: 'EUR' }, now: NOW })).id;
  theirs = (await createOrganization({ prisma: ctx.prisma, actor, input: { name: 'Theirs Ltd', baseCurrency: 'EUR' }, now: NOW })).id;
  await postJournalEntry({
    prisma: ctx.prisma,
    actor,
    organizationId: ours,
    input: {
      date: '2026-11-03',
      memo: 'opening',
      lines: [
        { accountCode: '1000', debit: '10.00' },
        { accountCode: '3000', credit: '10.00' },
      ],
    },
    now: NOW,
  });
});

afterAll(async () => {
  await ctx.close();
});

describe('what the database refuses, per statement', () => {
  it('a line whose account belongs to another organization: nothing of the statement is written', async () => {
    const before = await counts();
    const foreign = await accountId(theirs, '1000');
    // (account_period_balances keeps its row foreign key, a few rows per statement: it may be the first to refuse.)
    await expect(writeEntry(ctx.pool, ours, [await accountId(ours, '1000'), foreign])).rejects.toMatchObject({ code: '23503' });
    expect(await counts()).toEqual(before);
  });

  it('a line whose account does not exist', async () => {
    await expect(writeEntry(ctx.pool, ours, [await accountId(ours, '1000'), '00000000-0000-4000-8000-000000000000'])).rejects.toMatchObject(
      {
        code: '23503',
      },
    );
  });

  it('a line whose entry does not exist, or is of another organization', async () => {
    const [entry] = (await ctx.pool.query<{ id: string }>('SELECT id FROM journal_entries WHERE organization_id = $1 LIMIT 1', [ours]))
      .rows;
    const insertLine = (organizationId: string, entryId: string, account: string) =>
      ctx.pool.query(
        `INSERT INTO journal_lines (id, organization_id, entry_id, line_no, account_id, debit_minor, credit_minor)
         VALUES (gen_random_uuid(), $1, $2, 99, $3, 1, 0)`,
        [organizationId, entryId, account],
      );
    await expect(insertLine(ours, '00000000-0000-4000-8000-000000000000', await accountId(ours, '1000'))).rejects.toMatchObject({
      code: '23503',
      message: expect.stringMatching(/journal entry that does not exist/) as unknown,
    });
    await expect(insertLine(theirs, entry?.id ?? '', await accountId(theirs, '1000'))).rejects.toMatchObject({ code: '23503' });
    await expect(insertLine(ours, entry?.id ?? '', await accountId(theirs, '1000'))).rejects.toMatchObject({
      code: '23503',
      message: expect.stringMatching(/account that does not exist or is of another organization/) as unknown,
    });
  });

  it("an entry whose event is another organization's, and an event of no organization", async () => {
    const [event] = (
      await ctx.pool.query<{ sequence: string }>('SELECT sequence FROM ledger_events WHERE organization_id = $1 LIMIT 1', [theirs])
    ).rows;
    await expect(
      ctx.pool.query(
        `INSERT INTO journal_entries (id, organization_id, sequence, date, period, memo, created_by_id, created_at)
         VALUES (gen_random_uuid(), $1, $2, '2026-11-10', '2026-11', 'stolen event', $3, now())`,
        [ours, event?.sequence, actor.userId],
      ),
    ).rejects.toMatchObject({ code: '23503', message: expect.stringMatching(/ledger event .* of another organization/) as unknown });
    await expect(
      ctx.pool.query(`INSERT INTO ledger_events (organization_id, type, payload, occurred_at) VALUES ($1, 'x', '{}', now())`, [
        '00000000-0000-4000-8000-000000000000',
      ]),
    ).rejects.toMatchObject({ code: '23503', message: expect.stringMatching(/organization that does not exist/) as unknown });
  });

  it('deleting or re-keying an account that has lines, or an organization that has events', async () => {
    const cash = await accountId(ours, '1000');
    await expect(ctx.pool.query('DELETE FROM accounts WHERE id = $1', [cash])).rejects.toMatchObject({ code: '23503' });
    await expect(ctx.pool.query('UPDATE accounts SET id = gen_random_uuid() WHERE id = $1', [cash])).rejects.toMatchObject({
      code: '23503',
    });
    await expect(ctx.pool.query('DELETE FROM organizations WHERE id = $1', [ours])).rejects.toThrow();
    await expect(ctx.pool.query('UPDATE organizations SET id = gen_random_uuid() WHERE id = $1', [ours])).rejects.toMatchObject({
      code: '23503',
    });
    // A plain update of an account (its name) is not a re-key.
    await ctx.pool.query("UPDATE accounts SET name = name || '' WHERE id = $1", [cash]);
  });

  it('TRUNCATE of organizations or accounts (a CASCADE would reach what the journal refers to)', async () => {
    for (const table of ['organizations', 'accounts']) {
      await expect(ctx.pool.query(`TRUNCATE ${table} CASCADE`)).rejects.toThrow(/TRUNCATE is not allowed/);
    }
  });
});

describe('a DELETE racing a posting in flight', () => {
  it('waits for the posting and then refuses, instead of leaving lines without their account', async () => {
    // An account nobody has posted to: the application would let it be deleted.
    const [spare] = (
      await ctx.pool.query<{ id: string }>(
        `INSERT INTO accounts (id, organization_id, code, name, type, subtype)
         VALUES (gen_random_uuid(), $1, '1999', 'Spare', 'asset', 'current-asset') RETURNING id`,
        [ours],
      )
    ).rows;
    const writer = await ctx.pool.connect();
    const deleter = await ctx.pool.connect();
    try {
      await writer.query('BEGIN');
      await writeEntry(writer, ours, [spare?.id ?? '', await accountId(ours, '3000')]);
      let settled = false;
      const deletion = deleter.query('DELETE FROM accounts WHERE id = $1', [spare?.id]).finally(() => {
        settled = true;
      });
      deletion.catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toBe(false); // held by the writer's FOR KEY SHARE on the account
      await writer.query('COMMIT');
      await expect(deletion).rejects.toMatchObject({ code: '23503', message: expect.stringMatching(/has journal lines/) as unknown });
      const orphans = await ctx.pool.query(
        'SELECT count(*)::int AS n FROM journal_lines l LEFT JOIN accounts a ON a.id = l.account_id WHERE a.id IS NULL',
      );
      expect(orphans.rows[0]).toEqual({ n: 0 });
    } finally {
      writer.release();
      deleter.release();
    }
  });
});
