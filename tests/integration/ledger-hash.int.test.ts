// The tamper-evident ledger (issue 13, item 1): every writer of ledger_events gets its event
// chained at commit by the database, verification recomputes the chain from the journal
// tables, and an edit made behind the application's back (triggers disabled) is found at
// the sequence it touched. Reports name the chain head they were built at.
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { lastSequence } from '../../lib/adapters/db/last-sequence';
import { updateAccount } from '../../lib/domains/ledger/commands/update-account';
import { verifyLedgers } from '../../lib/domains/ledger/queries/verify-ledger';
import { createApiClient, type ApiClient } from '../helpers/api';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
let api: ApiClient;
let token: string;
let org: string;
let entry: { id: string; sequence: number };

const TODAY = () => ctx.app.now().toISOString().slice(0, 10);

async function post(organizationId: string, memo: string, amount = '10.00', date = TODAY()) {
  const result = await api.call('POST', `/api/v1/organizations/${organizationId}/journal-entries`, {
    token,
    body: {
      date,
      memo,
      lines: [
        { accountCode: '1100', debit: amount },
        { accountCode: '4100', credit: amount },
      ],
    },
  });
  expect(result.status, JSON.stringify(result.json)).toBe(201);
  return result.json as { id: string; sequence: number };
}

async function verification(organizationId = org) {
  const result = await api.call('GET', `/api/v1/organizations/${organizationId}/ledger/verification`, { token });
  expect(result.status).toBe(200);
  return result.json as { ok: boolean; events: number; headSequence: number; headHash: string; firstBrokenSequence?: number };
}

/** Runs SQL with every trigger off (append-only guards included): what an intruder with database access could do. */
async function behindTheBack(sql: string, values: unknown[]): Promise<void> {
  const client = await ctx.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("SET LOCAL session_replication_role = 'replica'");
    await client.query(sql, values);
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

function runVerifyScript(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/ledger-verify.ts', ...args], {
      env: { ...process.env, DATABASE_URL: ctx.databaseUrl, MONGODB_URI: inject('mongoUri'), PDF_RENDER_THREADS: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

beforeAll(async () => {
  ctx = await createTestContext();
  api = await createApiClient(ctx);
  token = await api.tokenFor('hash');
  const created = await api.call('POST', '/api/v1/organizations', { token, body: { name: 'Chain Ltd', baseCurrency: 'EUR' } });
  org = created.json.id as string;
  // Every kind of writer: accounts created and renamed, entries posted, reversed, imported,
  // a period closed and reopened.
  const account = await api.call('POST', `/api/v1/organizations/${org}/accounts`, {
    token,
    body: { code: '6999', name: 'Sundry', type: 'expense' },
  });
  const user = await ctx.prisma.user.findFirstOrThrow({ where: { email: { startsWith: 'hash' } }, select: { id: true } });
  await updateAccount({
    prisma: ctx.prisma,
    actor: { userId: user.id },
    organizationId: org,
    accountId: account.json.id as string,
    input: { action: 'rename', name: 'Sundries' },
    now: ctx.app.now(),
  });
  entry = await post(org, 'First sale');
  await post(org, 'Second sale', '20.00');
  expect(
    (await api.call('POST', `/api/v1/organizations/${org}/journal-entries/${entry.id}/reversal`, { token, body: { date: TODAY() } }))
      .status,
  ).toBe(201);
  const csv = `entry,date,memo,account,debit,credit\n1,2026-01-05,Imported one,1100,5.00,\n1,2026-01-05,Imported one,4100,,5.00\n2,2026-01-06,Imported two,1100,7.00,\n2,2026-01-06,Imported two,4100,,7.00\n`;
  const imported = await api.call('POST', `/api/v1/organizations/${org}/journal-entries/import`, {
    token,
    rawBody: csv,
    headers: { 'content-type': 'text/csv' },
  });
  expect(imported.status, JSON.stringify(imported.json)).toBe(201);
  expect((await api.call('POST', `/api/v1/organizations/${org}/periods/2026-01/close`, { token })).status).toBe(200);
  expect((await api.call('POST', `/api/v1/organizations/${org}/periods/2026-01/reopen`, { token })).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await api.close();
  await ctx.close();
});

describe('the chain', () => {
  it('hashes every event of every writer, at commit, and verifies', async () => {
    const { rows } = await ctx.pool.query<{ type: string; hashed: boolean }>(
      `SELECT e.type, h.sequence IS NOT NULL AS hashed
         FROM ledger_events e LEFT JOIN ledger_event_hashes h ON h.organization_id = e.organization_id AND h.sequence = e.sequence
        WHERE e.organization_id = $1 ORDER BY e.sequence`,
      [org],
    );
    expect(new Set(rows.map((row) => row.type))).toEqual(
      new Set([
        'organization.created',
        'account.created',
        'account.renamed',
        'journal_entry.posted',
        'journal_entry.reversed',
        'period.closed',
        'period.reopened',
      ]),
    );
    expect(rows.every((row) => row.hashed)).toBe(true);
    const result = await verification();
    expect(result).toEqual({
      ok: true,
      events: rows.length,
      headSequence: expect.any(Number) as number,
      headHash: expect.stringMatching(/^[0-9a-f]{64}$/) as string,
    });
    const { rows: head } = await ctx.pool.query<{ sequence: string }>(
      'SELECT max(sequence)::text AS sequence FROM ledger_events WHERE organization_id = $1',
      [org],
    );
    expect(String(result.headSequence)).toBe(head[0]?.sequence);
  });

  it('is the same chain when recomputed from scratch (the migration backfill for existing ledgers, idempotent)', async () => {
    const before = await verification();
    // A second backfill over a complete chain adds nothing.
    const again = await ctx.pool.query<{ hashed: string }>('SELECT closebook_ledger_chain($1)::text AS hashed', [org]);
    expect(again.rows[0]?.hashed).toBe('0');
    // A ledger from before the chain: no hashes at all. The backfill rebuilds the same chain.
    await behindTheBack('DELETE FROM ledger_event_hashes WHERE organization_id = $1', [org]);
    expect((await verification()).ok).toBe(false);
    const backfill = await ctx.pool.query<{ hashed: string }>('SELECT closebook_ledger_chain($1)::text AS hashed', [org]);
    expect(Number(backfill.rows[0]?.hashed)).toBe(before.events);
    expect(await verification()).toEqual(before);
  });

  it('links as documented: hash(n) = SHA-256(hash(n-1) || UTF-8 of the canonical text), recomputed outside PostgreSQL', async () => {
    // Pins the link's definition independently of closebook_ledger_link (migration
    // 20261207120000 changed its declared volatility so that it is inlined, not its body).
    const { rows } = await ctx.pool.query<{ canonical: string; hash: Buffer }>(
      `SELECT c.canonical, h.hash FROM closebook_ledger_canonical($1, 0, 9223372036854775807) c
         JOIN ledger_event_hashes h ON h.organization_id = $1 AND h.sequence = c.sequence ORDER BY c.sequence`,
      [org],
    );
    expect(rows.length).toBeGreaterThan(3);
    let previous = Buffer.alloc(0);
    for (const row of rows) {
      previous = createHash('sha256').update(previous).update(row.canonical, 'utf8').digest();
      expect(row.hash.toString('hex')).toBe(previous.toString('hex'));
    }
  });

  it('refuses to rewrite a hash through the application path (append-only)', async () => {
    await expect(ctx.pool.query('UPDATE ledger_event_hashes SET hash = hash WHERE organization_id = $1', [org])).rejects.toThrow(
      /append-only/,
    );
    await expect(ctx.pool.query('DELETE FROM ledger_event_hashes WHERE organization_id = $1', [org])).rejects.toThrow(/append-only/);
  });

  it('puts the chain head at asOfSequence on every report document', async () => {
    await ctx.drainJobs();
    const period = TODAY().slice(0, 7);
    const lookup = await api.call('GET', `/api/v1/organizations/${org}/reports?type=trial-balance&period=${period}`, { token });
    const document = (await api.call('GET', `/api/v1/reports/${lookup.json.id as string}`, { token })).json;
    const { rows } = await ctx.pool.query<{ hash: string }>(
      "SELECT encode(hash, 'hex') AS hash FROM ledger_event_hashes WHERE organization_id = $1 AND sequence = $2",
      [org, document.asOfSequence],
    );
    expect(document.ledgerHash).toBe(rows[0]?.hash);
  });
});

describe('the last sequence', () => {
  it('is read from the chain head: the newest event of the organization, whatever the others wrote since', async () => {
    const other = (await api.call('POST', '/api/v1/organizations', { token, body: { name: 'Newer Ltd', baseCurrency: 'EUR' } })).json
      .id as string;
    await post(other, 'A newer sale elsewhere');
    const { rows } = await ctx.pool.query<{ organization_id: string; last: string }>(
      'SELECT organization_id::text, max(sequence)::text AS last FROM ledger_events WHERE organization_id = ANY($1::uuid[]) GROUP BY organization_id',
      [[org, other]],
    );
    for (const row of rows) expect(await lastSequence(ctx.prisma, row.organization_id)).toBe(BigInt(row.last));
    expect(rows).toHaveLength(2);
    expect(await lastSequence(ctx.prisma, randomUUID())).toBe(0n);
  });

  it('stays one index tuple away: the hash table has no index but its primary key (organization_id, sequence)', async () => {
    // max(sequence) over ledger_events let the planner walk the primary key on sequence
    // backwards through other organizations' newer events (adapters/db/last-sequence.ts); an
    // index on sequence alone here would offer the planner the same trap.
    const { rows } = await ctx.pool.query<{ indexdef: string }>(
      "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'ledger_event_hashes'",
    );
    expect(rows.map((row) => row.indexdef)).toEqual([expect.stringMatching(/ledger_event_hashes_pkey .*\(organization_id, sequence\)/)]);
  });
});

describe('tampering behind the application', () => {
  it('an edited memo breaks the chain at that entry', async () => {
    await behindTheBack('UPDATE journal_entries SET memo = $2 WHERE id = $1', [entry.id, 'Frist sale']);
    expect(await verification()).toMatchObject({ ok: false, firstBrokenSequence: entry.sequence });
    await behindTheBack('UPDATE journal_entries SET memo = $2 WHERE id = $1', [entry.id, 'First sale']);
    expect((await verification()).ok).toBe(true);
  });

  it('an edited journal line amount breaks the chain at its entry', async () => {
    await behindTheBack('UPDATE journal_lines SET debit_minor = debit_minor + 1 WHERE entry_id = $1 AND line_no = 1', [entry.id]);
    expect(await verification()).toMatchObject({ ok: false, firstBrokenSequence: entry.sequence });
    await behindTheBack('UPDATE journal_lines SET debit_minor = debit_minor - 1 WHERE entry_id = $1 AND line_no = 1', [entry.id]);
    expect((await verification()).ok).toBe(true);
  });

  it('an edited event payload breaks the chain at that event, and so does a removed journal line', async () => {
    const { rows } = await ctx.pool.query<{ sequence: string }>(
      "SELECT sequence::text FROM ledger_events WHERE organization_id = $1 AND type = 'account.renamed'",
      [org],
    );
    const renamed = Number(rows[0]?.sequence);
    await behindTheBack(`UPDATE ledger_events SET payload = jsonb_set(payload, '{to}', '"Other"') WHERE sequence = $1`, [renamed]);
    expect(await verification()).toMatchObject({ ok: false, firstBrokenSequence: renamed });
    await behindTheBack(`UPDATE ledger_events SET payload = jsonb_set(payload, '{to}', '"Sundries"') WHERE sequence = $1`, [renamed]);
    expect((await verification()).ok).toBe(true);

    // A removed journal line (triggers off) is found too.
    const { rows: line } = await ctx.pool.query<Record<string, unknown>>(
      'SELECT * FROM journal_lines WHERE entry_id = $1 AND line_no = 2',
      [entry.id],
    );
    await behindTheBack('DELETE FROM journal_lines WHERE entry_id = $1 AND line_no = 2', [entry.id]);
    expect(await verification()).toMatchObject({ ok: false, firstBrokenSequence: entry.sequence });
    const removed = line[0] ?? {};
    await behindTheBack(
      'INSERT INTO journal_lines (id, organization_id, entry_id, line_no, account_id, debit_minor, credit_minor, description) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      ['id', 'organization_id', 'entry_id', 'line_no', 'account_id', 'debit_minor', 'credit_minor', 'description'].map(
        (column) => removed[column],
      ),
    );
    expect((await verification()).ok).toBe(true);
  });

  it('npm run ledger:verify exits non-zero naming the organization and the first broken sequence', async () => {
    const clean = await runVerifyScript(['--org', org]);
    expect(clean.code, clean.output).toBe(0);
    expect(clean.output).toMatch(/0 broken chain/);
    await behindTheBack('UPDATE journal_entries SET memo = $2 WHERE id = $1', [entry.id, 'Tampered']);
    try {
      const broken = await runVerifyScript([]);
      expect(broken.code, broken.output).toBe(1);
      expect(broken.output).toContain(`BROKEN organization ${org}: first broken sequence ${entry.sequence}`);
    } finally {
      await behindTheBack('UPDATE journal_entries SET memo = $2 WHERE id = $1', [entry.id, 'First sale']);
    }
  }, 60_000);
});

describe('concurrency', () => {
  it('several organizations posting at once keep valid chains', async () => {
    const organizations: string[] = [];
    for (let n = 0; n < 4; n++) {
      const created = await api.call('POST', '/api/v1/organizations', { token, body: { name: `Busy ${n}`, baseCurrency: 'EUR' } });
      organizations.push(created.json.id as string);
    }
    // 4 organizations × 6 postings, all in flight together (each organization's writes
    // serialise on its row lock; different organizations interleave their sequences).
    await Promise.all(
      organizations.flatMap((organizationId) => Array.from({ length: 6 }, (_, n) => post(organizationId, `Busy ${n}`, `${n + 1}.00`))),
    );
    const results = await verifyLedgers({ prisma: ctx.prisma });
    for (const organizationId of organizations) {
      const result = results.find((candidate) => candidate.organizationId === organizationId);
      expect(result).toMatchObject({ ok: true, events: 7 });
    }
    expect(results.every((result) => result.ok)).toBe(true);
  }, 60_000);
});
