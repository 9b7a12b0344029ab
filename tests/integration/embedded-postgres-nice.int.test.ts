// The embedded PostgreSQL yields the CPU to the processes that serve requests: its postmaster
// is reniced at start, and every backend it forks for a connection inherits that niceness
// (lib/adapters/infra/embedded-postgres.ts, EMBEDDED_POSTGRES_NICE).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type RunningPostgres } from '../../lib/adapters/infra/embedded-postgres';

let server: RunningPostgres | undefined;
let dataDir: string | undefined;

afterAll(async () => {
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the embedded PostgreSQL', () => {
  it('runs its connections at the configured niceness', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'closebook-nice-'));
    server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'data'), persistent: false, nice: 7 });
    const client = new pg.Client({ connectionString: server.serverUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      expect(os.getPriority(rows[0]?.pid)).toBe(7);
    } finally {
      await client.end();
    }
  }, 60_000);
});
