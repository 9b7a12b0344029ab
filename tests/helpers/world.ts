// A small world for the hardening suites (fuzzing, authorization matrix, probing): an
// organization with a member of each role, a second organization of an outsider, and in
// each of them a posted entry, a built report and a finished report run with its snapshot,
// so every path parameter of the API has a real value to point at — one's own or a foreign one.
import { expect } from 'vitest';
import { addMember } from '../../lib/domains/organizations/members';
import { periodOfInstant } from '../../lib/domains/accounting/periods';
import type { ApiClient } from './api';
import type { TestContext } from './context';

export type Role = 'admin' | 'accountant' | 'viewer';

export interface OrganizationFixture {
  org: string;
  entry: string;
  report: string;
  run: string;
  snapshot: string;
}

export interface World {
  /** Bearer tokens: the three members of `own`, and the admin of `foreign` (a non-member of `own`). */
  tokens: Record<Role | 'outsider', string>;
  emails: Record<Role | 'outsider', string>;
  password: string;
  own: OrganizationFixture;
  foreign: OrganizationFixture;
  /** The current month (the clock is real: the API runs on the AppContext's clock). */
  period: string;
  today: string;
}

const PASSWORD = 'a long password';

export function balancedEntry(date: string, amount = '10.00', memo = 'Fixture') {
  return {
    date,
    memo,
    lines: [
      { accountCode: '1100', debit: amount },
      { accountCode: '4100', credit: amount },
    ],
  };
}

async function organization(api: ApiClient, token: string, name: string, today: string, period: string): Promise<OrganizationFixture> {
  const created = await api.call('POST', '/api/v1/organizations', { token, body: { name, baseCurrency: 'EUR' } });
  expect(created.status).toBe(201);
  const org = created.json.id as string;
  const posted = await api.call('POST', `/api/v1/organizations/${org}/journal-entries`, { token, body: balancedEntry(today) });
  expect(posted.status).toBe(201);
  const lookup = await api.call('GET', `/api/v1/organizations/${org}/reports?type=trial-balance&period=${period}`, { token });
  expect(lookup.status).toBe(200);
  const run = await api.call('POST', '/api/v1/report-runs', { token, body: { period, organizationIds: [org], types: ['trial-balance'] } });
  expect(run.status).toBe(202);
  return { org, entry: posted.json.id as string, report: lookup.json.id as string, run: run.json.id as string, snapshot: '' };
}

async function snapshotOf(api: ApiClient, token: string, fixture: OrganizationFixture): Promise<void> {
  const progress = await api.call('GET', `/api/v1/report-runs/${fixture.run}`, { token });
  const organizations = progress.json.organizations as { snapshots: { snapshotId: string | null }[] }[];
  const snapshot = organizations[0]?.snapshots[0]?.snapshotId;
  if (!snapshot) throw new Error(`run ${fixture.run} produced no snapshot: ${JSON.stringify(progress.json)}`);
  fixture.snapshot = snapshot;
}

export async function buildWorld(ctx: TestContext, api: ApiClient): Promise<World> {
  const now = ctx.app.now();
  const today = now.toISOString().slice(0, 10);
  const period = periodOfInstant(now);
  const roles = ['admin', 'accountant', 'viewer', 'outsider'] as const;
  const tokens = {} as World['tokens'];
  const emails = {} as World['emails'];
  for (const role of roles) {
    tokens[role] = await api.tokenFor(`world-${role}`);
    emails[role] = `world-${role}@example.test`;
  }
  const own = await organization(api, tokens.admin, 'Own Ltd', today, period);
  const foreign = await organization(api, tokens.outsider, 'Foreign GmbH', today, period);
  const adminUser = await ctx.prisma.user.findUniqueOrThrow({ where: { email: emails.admin }, select: { id: true } });
  for (const role of ['accountant', 'viewer'] as const) {
    await addMember({
      prisma: ctx.prisma,
      actor: { userId: adminUser.id },
      organizationId: own.org,
      input: { email: emails[role], role },
      now,
    });
  }
  await ctx.drainJobs();
  await snapshotOf(api, tokens.admin, own);
  await snapshotOf(api, tokens.outsider, foreign);
  return { tokens, emails, password: PASSWORD, own, foreign, period, today };
}

/** Row counts of the ledger and of what a request could create: a rejected request changes none of them. */
export async function ledgerFingerprint(ctx: TestContext): Promise<string> {
  const { rows } = await ctx.pool.query<Record<string, string>>(`
    SELECT (SELECT count(*) FROM journal_entries) AS entries,
           (SELECT count(*) FROM journal_lines) AS lines,
           (SELECT coalesce(max(sequence), 0) || ':' || count(*) FROM ledger_events) AS events,
           (SELECT count(*) || ':' || count(*) FILTER (WHERE is_active) FROM accounts) AS accounts,
           (SELECT count(*) FROM organizations) AS organizations,
           (SELECT count(*) FROM memberships) AS memberships,
           (SELECT count(*) FILTER (WHERE status = 'closed') FROM periods) AS closed,
           (SELECT count(*) || ':' || count(*) FILTER (WHERE status = 'pending') FROM report_run_items) AS items,
           (SELECT count(*) FROM report_runs) AS runs`);
  return JSON.stringify(rows[0]);
}
