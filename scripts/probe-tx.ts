import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createPrisma } from '../lib/adapters/db/prisma';
import { startEmbeddedPostgres } from '../lib/adapters/infra/embedded-postgres';
async function main() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'probe-'));
  const pgs = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), persistent: false });
  const url = pgs.urlFor('postgres');
  const prisma = createPrisma(url, 10);
  const time = async (label: string, n: number, f: () => Promise<unknown>) => { for (let i = 0; i < 20; i++) await f(); const t = performance.now(); for (let i = 0; i < n; i++) await f(); console.log(label, ((performance.now() - t) / n).toFixed(3), 'ms'); };
  await time('prisma $queryRaw SELECT 1', 300, () => prisma.$queryRaw`SELECT 1`);
  await time('prisma $transaction(1 query)', 300, () => prisma.$transaction(async (tx) => tx.$queryRaw`SELECT 1`));
  await time('prisma $transaction(5 queries)', 300, () => prisma.$transaction(async (tx) => { for (let i = 0; i < 5; i++) await tx.$queryRaw`SELECT 1`; }));
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await time('pg SELECT 1', 300, () => pool.query('SELECT 1'));
  await time('pg tx 5 queries', 300, async () => { const c = await pool.connect(); await c.query('BEGIN'); for (let i = 0; i < 5; i++) await c.query('SELECT 1'); await c.query('COMMIT'); c.release(); });
  await pool.end(); await prisma.$disconnect(); await pgs.stop();
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
