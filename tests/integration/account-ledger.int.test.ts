// Drill-down (issue 13 item 3): the general ledger filtered to one account on the server.
// The stored document is read with only that account's section; an account without
// postings in the period is an empty ledger that names it; other tenants and unknown
// accounts get the same "not found" as a missing report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../lib/domains/auth/access';
import { isAppError } from '../../lib/errors';
import { createOrganization } from '../../lib/domains/ledger/commands/create-organization';
import { postJournalEntry } from '../../lib/domains/ledger/commands/post-journal-entry';
import { getAccountLedger } from '../../lib/domains/reports/queries/get-account-ledger';
import { lookupReport } from '../../lib/domains/reports/queries/lookup-report';
import { createTestContext, type TestContext } from '../helpers/context';

const NOW = new Date('2026-11-15T10:00:00Z');
const PERIOD = '2026-10';

let ctx: TestContext;
let actor: Actor;
let stranger: Actor;
let organizationId: string;
let ledgerId: string;
const entries: string[] = [];

const entry = (date: string, amount: string, debit: string, credit: string) => ({
  date,
  memo: `${debit}/${credit} ${date}`,
  lines: [
    { accountCode: debit, debit: amount },
    { accountCode: credit, credit: amount },
  ],
});

/** Looks a report of PERIOD up (registering it), builds it, and returns its ID. */
async function builtReport(type: 'general-ledger' | 'trial-balance'): Promise<string> {
  const status = await lookupReport({ prisma: ctx.prisma, db: ctx.db, actor, organizationId, query: { type, period: PERIOD }, now: NOW });
  await ctx.drainJobs();
  return status.id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  actor = await ctx.newUser('accountant');
  stranger = await ctx.newUser('stranger');
  organizationId = (await createOrganization({ prisma: ctx.prisma, actor, input: { name: 'Drill Ltd', baseCurrency: 'EUR' }, now: NOW }))
    .id;
  const post = async (input: ReturnType<typeof entry>) =>
    entries.push((await postJournalEntry({ prisma: ctx.prisma, actor, organizationId, input, now: NOW })).id);
  await post(entry('2026-09-20', '500.00', '1000', '3000'));
  await post(entry('2026-10-03', '120.00', '1100', '4000'));
  await post(entry('2026-10-09', '80.00', '1000', '1100'));
  await post(entry('2026-10-21', '30.00', '6000', '1000'));
  ledgerId = await builtReport('general-ledger');
});

afterAll(async () => {
  await ctx.close();
});

const notFoundCode = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return isAppError(error) ? error.code : String(error);
  }
};

describe('getAccountLedger', () => {
  it('returns only the asked account, with its own opening, lines, closing and totals', async () => {
    const { document, account } = await getAccountLedger({ prisma: ctx.prisma, db: ctx.db, actor, id: ledgerId, accountCode: '1000' });
    expect(account).toEqual({ code: '1000', name: 'Cash at bank' });
    expect(document.type).toBe('general-ledger');
    expect(document.period).toBe(PERIOD);
    expect(document.accounts.map((section) => section.accountCode)).toEqual(['1000']);
    const [cash] = document.accounts;
    expect(cash?.opening).toBe('500.00');
    expect(cash?.lines.map((line) => [line.date, line.debit, line.credit, line.balance, line.entryId])).toEqual([
      ['2026-10-09', '80.00', '0.00', '580.00', entries[2]],
      ['2026-10-21', '0.00', '30.00', '550.00', entries[3]],
    ]);
    expect(cash?.closing).toBe('550.00');
    expect(document.totals).toEqual({ debit: '80.00', credit: '30.00' });
    expect(document.asOfSequence).toBeGreaterThan(0);
  });

  it('names an account without postings in the period and gives it no section', async () => {
    const { document, account } = await getAccountLedger({ prisma: ctx.prisma, db: ctx.db, actor, id: ledgerId, accountCode: '3000' });
    expect(account).toEqual({ code: '3000', name: 'Share capital' });
    expect(document.accounts).toEqual([]);
    expect(document.totals).toEqual({ debit: '0.00', credit: '0.00' });
    expect(document.organizationName).toBe('Drill Ltd');
  });

  it('answers not_found for an unknown or malformed account, a non-member, and a report that is not a ledger', async () => {
    const ask = (options: { actor?: Actor; id?: string; accountCode: string }) =>
      notFoundCode(
        getAccountLedger({
          prisma: ctx.prisma,
          db: ctx.db,
          actor: options.actor ?? actor,
          id: options.id ?? ledgerId,
          accountCode: options.accountCode,
        }),
      );
    expect(await ask({ accountCode: '9999' })).toBe('not_found');
    expect(await ask({ accountCode: '{"$gt":""}' })).toBe('not_found');
    expect(await ask({ actor: stranger, accountCode: '1000' })).toBe('not_found');
    expect(await ask({ id: await builtReport('trial-balance'), accountCode: '1000' })).toBe('not_found');
  });
});
