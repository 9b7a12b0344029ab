// Group commit (lib/adapters/db/post-entry-statement.ts, closebook_post_entries): postings
// that arrive while the statement slots are busy leave together in one statement, and each
// is posted exactly as it would be alone — its own outcome (posted, replayed, refused),
// nothing written for a refused one, every written one with its rebuild job — and batches
// over the same organizations never deadlock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../lib/domains/auth/access';
import { createPostingBatcher } from '../../lib/adapters/db/post-entry-statement';
import { closePeriod } from '../../lib/domains/ledger/commands/close-period';
import { createOrganization } from '../../lib/domains/ledger/commands/create-organization';
import { postJournalEntry } from '../../lib/domains/ledger/commands/post-journal-entry';
import { createTestContext, type TestContext } from '../helpers/context';

const NOW = new Date('2026-11-20T10:00:00Z');
let ctx: TestContext;
let actor: Actor;
let orgs: string[];
let foreign: string;

const sale = (amount: string, date = '2026-11-10') => ({
  date,
  memo: `sale ${amount}`,
  lines: [
    { accountCode: '1100', debit: amount },
    { accountCode: '4000', credit: amount },
  ],
});

beforeAll(async () => {
  ctx = await createTestContext();
  actor = await ctx.newUser('owner');
  orgs = [];
  for (const name of ['Alpha Ltd', 'Beta Ltd', 'Gamma Ltd', 'Delta Ltd']) {
    orgs.push((await createOrganization({ prisma: ctx.prisma, actor, input: { name, baseCurrency: 'EUR' }, now: NOW })).id);
  }
  const stranger = await ctx.newUser('stranger');
  foreign = (
    await createOrganization({ prisma: ctx.prisma, actor: stranger, input: { name: 'Foreign Ltd', baseCurrency: 'EUR' }, now: NOW })
  ).id;
  await closePeriod({ prisma: ctx.prisma, actor, organizationId: orgs[0] ?? '', period: '2026-09', now: NOW });
  await ctx.drainJobs();
});

afterAll(async () => {
  await ctx.close();
});

describe('group commit', () => {
  it('posts a batch with mixed outcomes, each as it would be alone', async () => {
    // One statement slot: everything submitted while the first posting runs leaves as one batch.
    const batcher = createPostingBatcher(ctx.app.sql, { maxInFlight: 1 });
    const post = (organizationId: string, input: unknown, idempotencyKey?: string) =>
      postJournalEntry({ prisma: ctx.prisma, submit: batcher.submit, actor, organizationId, input, idempotencyKey, now: NOW }).then(
        (posted) => ({ ok: true as const, posted }),
        (error: unknown) => ({ ok: false as const, code: (error as { code?: string }).code }),
      );
    const [a, b, c, closed, notMember, unknownAccount, first, replay, conflict] = await Promise.all([
      post(orgs[0] ?? '', sale('1.00')),
      post(orgs[1] ?? '', sale('2.00')),
      post(orgs[0] ?? '', sale('3.00')),
      post(orgs[0] ?? '', sale('4.00', '2026-09-15')),
      post(foreign, sale('5.00')),
      post(orgs[2] ?? '', { ...sale('6.00'), lines: [sale('6.00').lines[0], { accountCode: '9999', credit: '6.00' }] }),
      post(orgs[3] ?? '', sale('7.00'), 'batch-key'),
      post(orgs[3] ?? '', sale('7.00'), 'batch-key'),
      post(orgs[3] ?? '', sale('8.00'), 'batch-key'),
    ]);
    expect(batcher.stats.largestBatch).toBeGreaterThan(1);
    expect(batcher.stats.statements).toBeLessThan(9);
    for (const posted of [a, b, c, first]) expect(posted.ok).toBe(true);
    expect(closed).toEqual({ ok: false, code: 'period_closed' });
    expect(notMember).toEqual({ ok: false, code: 'not_found' });
    expect(unknownAccount).toEqual({ ok: false, code: 'unknown_account' });
    // The second use of the key answers the first posting; a different body under it conflicts.
    expect(replay.ok && first.ok && replay.posted.id === first.posted.id && replay.posted.replayed).toBe(true);
    expect(conflict).toEqual({ ok: false, code: 'idempotency_conflict' });

    // Written: exactly the four postings, with their lines and one rebuild job per organization's month.
    const { rows } = await ctx.pool.query<{ memo: string }>(
      `SELECT memo FROM journal_entries WHERE organization_id = ANY($1::uuid[]) ORDER BY memo`,
      [[...orgs, foreign]],
    );
    expect(rows.map((row) => row.memo)).toEqual(['sale 1.00', 'sale 2.00', 'sale 3.00', 'sale 7.00']);
    const jobs = await ctx.pool.query<{ key: string }>(`SELECT key FROM graphile_worker._private_jobs WHERE key LIKE 'period:%:2026-11'`);
    expect(jobs.rows.map((row) => row.key).sort()).toEqual([orgs[0], orgs[1], orgs[3]].map((org) => `period:${org ?? ''}:2026-11`).sort());
    // An organization's sequences follow its postings' order within the batch.
    if (a.ok && c.ok) expect(c.posted.sequence).toBeGreaterThan(a.posted.sequence);
    await ctx.drainJobs();
  });

  it('batches over the same organizations, in any order, never deadlock', async () => {
    const batchers = [createPostingBatcher(ctx.app.sql, { maxInFlight: 1 }), createPostingBatcher(ctx.app.sql, { maxInFlight: 1 })];
    const results = await Promise.all(
      Array.from({ length: 120 }, (_, index) => {
        // The two batchers see the organizations in opposite orders.
        const org = index % 2 === 0 ? orgs[index % 4] : orgs[3 - (index % 4)];
        return postJournalEntry({
          prisma: ctx.prisma,
          submit: batchers[index % 2]?.submit,
          actor,
          organizationId: org ?? '',
          input: sale(`${index + 1}.00`),
          now: NOW,
        });
      }),
    );
    expect(new Set(results.map((result) => result.sequence)).size).toBe(120);
    expect(Math.max(...batchers.map((batcher) => batcher.stats.largestBatch))).toBeGreaterThan(1);
    await ctx.drainJobs();
  });
});
