// Hostile or unlucky input found by the hardening review (issue "Hardening"), each case
// reproduced here against real PostgreSQL and the Mongo wire server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../lib/auth/access';
import { createOrganization } from '../../lib/ledger/commands/create-organization';
import { addMember } from '../../lib/organizations/members';
import { getRunProgress } from '../../lib/report-runs/queries';
import { startReportRun } from '../../lib/report-runs/start';
import { createTestContext, type TestContext } from '../helpers/context';

const NOW = new Date('2026-11-03T09:00:00Z');
const PERIOD = '2026-10';

let ctx: TestContext;
let admin: Actor;
let accountant: Actor;
let organizationId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.newUser('admin');
  accountant = await ctx.newUser('accountant');
  ({ id: organizationId } = await createOrganization({
    prisma: ctx.prisma,
    actor: admin,
    input: { name: 'Acme', baseCurrency: 'EUR' },
    now: NOW,
  }));
  const { email } = await ctx.prisma.user.findUniqueOrThrow({ where: { id: accountant.userId }, select: { email: true } });
  await addMember({ prisma: ctx.prisma, actor: admin, organizationId, input: { email, role: 'accountant' }, now: NOW });
});

afterAll(async () => {
  await ctx.close();
});

describe('report runs', () => {
  it("an admin's close-first run is not answered with an accountant's running run: the period gets closed", async () => {
    const input = { period: PERIOD, organizationIds: [organizationId] };
    const plain = await startReportRun({ prisma: ctx.prisma, actor: accountant, input, now: NOW });
    const closing = await startReportRun({ prisma: ctx.prisma, actor: admin, input: { ...input, closePeriod: true }, now: NOW });
    expect(plain.created).toBe(true);
    expect(closing).toMatchObject({ created: true });
    expect(closing.id).not.toBe(plain.id);
    await ctx.drainJobs();
    const period = await ctx.prisma.period.findUnique({ where: { organizationId_period: { organizationId, period: PERIOD } } });
    expect(period?.status).toBe('closed');
    expect(await getRunProgress({ prisma: ctx.prisma, actor: admin, runId: closing.id })).toMatchObject({
      status: 'completed',
      closePeriod: true,
    });
  });
});

describe('the append-only ledger', () => {
  it.each(['journal_entries', 'journal_lines', 'ledger_events'])('refuses TRUNCATE %s', async (table) => {
    // CASCADE, so that a foreign key is not what stops it.
    await expect(ctx.pool.query(`TRUNCATE ${table} CASCADE`)).rejects.toThrow(/append-only: TRUNCATE is not allowed/);
  });

  it('refuses a TRUNCATE that would reach the journal through CASCADE from another table', async () => {
    await expect(ctx.pool.query(`TRUNCATE organizations CASCADE`)).rejects.toThrow(/append-only: TRUNCATE is not allowed/);
    expect((await ctx.pool.query(`SELECT count(*)::int AS n FROM organizations`)).rows[0]).toEqual({ n: 1 });
    expect((await ctx.pool.query(`SELECT count(*)::int AS n FROM ledger_events`)).rows[0]?.n).toBeGreaterThan(0);
  });
});
