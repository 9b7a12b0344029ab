// Starts the servers the integration tests need, once per run: PostgreSQL (embedded, or
// the server in TEST_DATABASE_URL) with a migrated template database that each test file
// copies, and MongoDB (MONGODB_URI, else the in-process wire-compatible server).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../lib/adapters/db/migrate';
import { startEmbeddedMongo, type RunningMongo } from '../../lib/adapters/infra/embedded-mongo';
import { createDatabase, startEmbeddedPostgres, type RunningPostgres } from '../../lib/adapters/infra/embedded-postgres';
import pg from 'pg';

export const TEMPLATE_DB = 'closebook_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
    mongoUri: string;
    mongoKind: string;
  }
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let postgres: RunningPostgres | undefined;
  let dataDir: string | undefined;
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'closebook-test-pg-'));
    postgres = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'data'), persistent: false });
    serverUrl = postgres.serverUrl;
  }
  // A fresh template per run: drop the old one, create, migrate, then copy per test file.
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DB}" WITH (FORCE)`);
  await admin.end();
  await createDatabase(serverUrl, TEMPLATE_DB);
  await migrate(withDatabase(serverUrl, TEMPLATE_DB));

  let mongo: RunningMongo | undefined;
  const mongoUri = process.env.MONGODB_URI ?? (mongo = await startEmbeddedMongo()).uri;
  project.provide('pgServerUrl', serverUrl);
  project.provide('mongoUri', mongoUri);
  project.provide('mongoKind', mongo?.kind ?? 'MONGODB_URI');

  return async () => {
    await mongo?.stop();
    await postgres?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
