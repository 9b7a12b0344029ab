// Operator scripts (reports:verify, reports:rebuild) talk to the same servers as the app.
// With DATABASE_URL / MONGODB_URI set they use those; otherwise they use the embedded
// servers of a running `npm start`, which records their addresses in .data/runtime.json.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function runtimeFile(dataDir = process.env.CLOSEBOOK_DATA_DIR ?? path.join(process.cwd(), '.data')): string {
  return path.join(dataDir, 'runtime.json');
}

export function recordRuntime(file: string, urls: { databaseUrl: string; mongoUri: string }): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(urls, null, 2), { mode: 0o600 });
}

export function forgetRuntime(file: string): void {
  rmSync(file, { force: true });
}

export function applyRuntimeEnv(): void {
  if (process.env.DATABASE_URL && process.env.MONGODB_URI) return;
  const file = runtimeFile();
  if (!existsSync(file)) {
    throw new Error('Set DATABASE_URL and MONGODB_URI, or start the app with `npm start` first (its embedded servers are then used).');
  }
  const urls = JSON.parse(readFileSync(file, 'utf8')) as { databaseUrl: string; mongoUri: string };
  process.env.DATABASE_URL ??= urls.databaseUrl;
  process.env.MONGODB_URI ??= urls.mongoUri;
}
