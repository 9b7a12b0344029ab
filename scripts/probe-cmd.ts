// TEMP probe: the posting command in-process, no HTTP.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createUser } from '../lib/domains/auth/users';
import { createPrisma } from '../lib/adapters/db/prisma';
import { createSqlPool } from '../lib/adapters/db/sql';
import { migrate } from '../lib/adapters/db/migrate';
import { startEmbeddedPostgres } from '../lib/adapters/infra/embedded-postgres';
import { createOrganization } from '../lib/domains/ledger/commands/create-organization';
import { postJournalEntry } from '../lib/domains/ledger/commands/post-journal-entry';

async function main() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'probe-'));
  const pgs = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port: 0, persistent: false, log: (l) => { if (process.env.PGLOG) console.log('PG', l); } });
  await pgs.createDatabase('c');
  const url = pgs.urlFor('c');
  await migrate(url, path.join(__dirname, '..', 'prisma', 'migrations'));
  console.log('pg up');
  const prisma = createPrisma(url, 20);
  const user = await createUser({ prisma, email: 'p@x.io', name: 'P', password: 'probe password 1' });
  const actor = { userId: user.id };
  const orgs: string[] = [];
  for (let i = 0; i < 8; i++) orgs.push((await createOrganization({ prisma, actor, input: { name: `P${i}`, baseCurrency: 'EUR' }, now: new Date() } as any)).id);
  const today = new Date().toISOString().slice(0, 10);
  const sql = createSqlPool(url, 20);
  const one = (org: string, i: number) => postJournalEntry({ prisma, sql, actor, organizationId: org, now: new Date(), input: { date: today, memo: `m ${i}`, lines: [{ accountCode: '1100', debit: '1.00' }, { accountCode: '4000', credit: '1.00' }] } });
  for (let i = 0; i < 50; i++) await one(orgs[0]!, i);
  if (process.env.PGLOG) { await prisma.$executeRawUnsafe(`ALTER DATABASE c SET log_min_duration_statement = 0`); await prisma.$disconnect(); }
  let t = performance.now();
  for (let i = 0; i < 300; i++) await one(orgs[0]!, i);
  console.log('sequential ms/posting', ((performance.now() - t) / 300).toFixed(2));
  for (const n of [1, 8]) {
    t = performance.now(); let next = 0;
    await Promise.all(Array.from({ length: 16 }, async () => { for (let i = next++; i < 800; i = next++) await one(orgs[i % n]!, i); }));
    console.log(`16 clients over ${n} orgs: entries/s`, (800 / ((performance.now() - t) / 1000)).toFixed(0));
  }
  await prisma.$disconnect();
  await pgs.stop();
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
