// The books the report-run integration tests run on: client companies with a year of demo
// entries up to the end of October 2026, imported as CSV, on a fixed clock.
import { expect } from 'vitest';
import type { Actor } from '../../lib/domains/auth/access';
import { createOrganization } from '../../lib/domains/ledger/commands/create-organization';
import { importJournalEntries } from '../../lib/domains/ledger/commands/import-journal-entries';
import { demoJournalCsv, demoYear } from '../../lib/domains/demo/seed-demo';
import { SNAPSHOTS_COLLECTION } from '../../lib/domains/report-runs/snapshot-store';
import type { TestContext } from './context';

export const NOW = new Date('2026-11-03T09:00:00Z');
export const PERIOD = '2026-10';

export async function createClientBooks(ctx: TestContext, actor: Actor, name: string, seed: number): Promise<string> {
  const { id } = await createOrganization({ prisma: ctx.prisma, actor, input: { name, baseCurrency: 'GBP' }, now: NOW });
  const csv = demoJournalCsv(demoYear(NOW, seed).filter((entry) => entry.date < '2026-11-01'));
  const result = await importJournalEntries({ prisma: ctx.prisma, actor, organizationId: id, csv, dryRun: false, now: NOW });
  expect(result.imported).toBe(true);
  return id;
}

export async function countSnapshots(ctx: TestContext, runId: string): Promise<number> {
  return ctx.db.collection(SNAPSHOTS_COLLECTION).countDocuments({ runId });
}

export async function countDoneItems(ctx: TestContext, runId: string): Promise<number> {
  return ctx.prisma.reportRunItem.count({ where: { runId, status: 'done' } });
}
