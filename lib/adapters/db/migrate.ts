// Applies the SQL migrations in prisma/migrations (generated with
// `prisma migrate diff --from-empty`, plus hand-written constraints) in name order, each
// exactly once, under an advisory lock so several processes starting at once are safe.
// Prisma 6.19's offline (WASM) schema engine mis-handles `migrate deploy` on this stack
// (see ARCHITECTURE.md), so this small runner applies the same files instead. It then
// installs the job queue's own schema (graphile_worker), which has its own migrations.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { runMigrations } from 'graphile-worker';
import pg from 'pg';
import { queueLogger } from '../queue/logger';

const LOCK_ID = 727_001; // arbitrary, constant: "closebook migrations"

export interface MigrateResult {
  applied: string[];
}

export async function migrate(
  connectionString: string,
  migrationsDir = path.join(process.cwd(), 'prisma', 'migrations'),
): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_ID]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_closebook_migrations" (
      "name" TEXT PRIMARY KEY,
      "checksum" TEXT NOT NULL,
      "applied_at" TIMESTAMPTZ NOT NULL DEFAULT now()
    )`);
    const done = new Map(
      (await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM "_closebook_migrations"')).rows.map((row) => [
        row.name,
        row.checksum,
      ]),
    );
    const names = (await readdir(migrationsDir, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    for (const name of names) {
      const sql = await readFile(path.join(migrationsDir, name, 'migration.sql'), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      const previous = done.get(name);
      if (previous !== undefined) {
        // An applied migration must never change: the database would silently differ from the files.
        if (previous !== checksum) throw new Error(`migration ${name} was changed after it was applied`);
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO "_closebook_migrations" (name, checksum) VALUES ($1, $2)', [name, checksum]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(name);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_ID]).catch(() => undefined);
    await client.end();
  }
  await runMigrations({ connectionString, logger: queueLogger('warning') });
  return { applied };
}
