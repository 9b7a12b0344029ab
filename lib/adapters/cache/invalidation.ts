// Cache invalidation over PostgreSQL LISTEN/NOTIFY: one channel, payloads "kind:key".
// Writers call notifyInvalidation on the write's own transaction (a NOTIFY is delivered on
// commit, and never for a rolled-back write); each web process keeps one connection that
// LISTENs and drops the named entries. A lost connection turns the caches off and, once
// reconnected, clears them (notifications sent meanwhile were missed) before turning
// them back on.
import pg from 'pg';
import type { Tx, PrismaClient } from '../db/prisma';
import type { InvalidationKind, ReadCaches } from './read-caches';

export const INVALIDATION_CHANNEL = 'closebook_invalidate';

const KINDS: readonly string[] = ['credential', 'membership', 'report', 'organization', 'all'] satisfies readonly (
  InvalidationKind | 'all'
)[];

/** Queues the invalidation on `db`'s transaction (or sends it at once outside one). `key` "*": every entry of that kind. */
export async function notifyInvalidation(db: PrismaClient | Tx, kind: InvalidationKind, key: string): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${INVALIDATION_CHANNEL}, ${`${kind}:${key}`})`;
}

/** Several keys of one kind in one statement (a period's rebuild changes four reports). */
export async function notifyInvalidations(db: PrismaClient | Tx, kind: InvalidationKind, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.$executeRaw`SELECT pg_notify(${INVALIDATION_CHANNEL}, ${`${kind}:`} || key) FROM unnest(${[...keys]}::text[]) AS key`;
}

export function parseInvalidation(payload: string | undefined): { kind: InvalidationKind | 'all'; key: string } | null {
  const separator = payload?.indexOf(':') ?? -1;
  if (!payload || separator < 0) return null;
  const kind = payload.slice(0, separator);
  return KINDS.includes(kind) ? { kind: kind as InvalidationKind | 'all', key: payload.slice(separator + 1) } : null;
}

export interface InvalidationListener {
  stop(): Promise<void>;
}

/** Keeps a LISTEN connection for `caches` until stopped, reconnecting with backoff. */
export function listenForInvalidations(options: {
  connectionString: string;
  caches: ReadCaches;
  log?: (line: string) => void;
  retryMs?: number;
  /** Called after each invalidation is applied (the web process refreshes rebuilt reports ahead: refresh-ahead.ts). */
  onInvalidation?: (kind: InvalidationKind | 'all', key: string) => void;
}): InvalidationListener {
  const { caches } = options;
  const log = options.log ?? ((line: string) => console.error(`[cache] ${line}`));
  let stopped = false;
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;

  const down = (reason: string) => {
    caches.enabled = false;
    const current = client;
    client = undefined;
    current?.removeAllListeners();
    current?.on('error', () => undefined);
    void current?.end().catch(() => undefined);
    if (stopped) return;
    failures += 1;
    const delay = Math.min((options.retryMs ?? 500) * 2 ** Math.min(failures - 1, 6), 30_000);
    log(`invalidation listener down (${reason}); caches off, reconnecting in ${delay} ms`);
    timer = setTimeout(connect, delay);
  };

  const connect = () => {
    if (stopped) return;
    const next = new pg.Client({ connectionString: options.connectionString });
    client = next;
    next.on('error', (error) => down(error.message));
    next.on('end', () => {
      if (client === next) down('connection ended');
    });
    next.on('notification', (message) => {
      const parsed = parseInvalidation(message.payload);
      if (!parsed) return;
      caches.invalidate(parsed.kind, parsed.key);
      options.onInvalidation?.(parsed.kind, parsed.key);
    });
    next
      .connect()
      .then(() => next.query(`LISTEN ${INVALIDATION_CHANNEL}`))
      .then(() => {
        if (client !== next) return;
        // Whatever changed while nobody listened is unknown: start empty.
        caches.clear();
        caches.enabled = true;
        failures = 0;
      })
      .catch((error: unknown) => {
        if (client === next) down(error instanceof Error ? error.message : String(error));
      });
  };
  connect();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      caches.enabled = false;
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
