// Configuration comes from the environment only, so production points at managed
// services (DATABASE_URL, MONGODB_URI) without code changes. Read lazily: `next build`
// imports modules without any of these set.

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (see README.md, "Configuration")`);
  return value;
}

export function databaseUrl(): string {
  return required('DATABASE_URL');
}

export function mongoUri(): string {
  return required('MONGODB_URI');
}

export function mongoDbName(): string {
  return process.env.MONGODB_DB ?? 'closebook';
}

export function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number.parseInt(raw, 10);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}
