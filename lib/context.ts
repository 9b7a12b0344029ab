// The process's dependencies, built once per process by its entry point (web, worker,
// operator script, test file) and passed to lib/ use cases as arguments. Nothing in lib/
// reaches for a client on its own: whoever holds an AppContext decides which databases a
// call talks to, so tests point the real code at their own databases by building one.
//
// Per-process caches live here too (today the rendered-file cache; later token → user and
// membership caches). Each belongs to exactly one context, so closing the context drops
// them, and a cache invalidated by PostgreSQL notifications has one obvious owner.
import { MongoClient, type Db } from 'mongodb';
import { databaseUrl, intFromEnv, mailFrom, mongoDbName, mongoUri, smtpUrl } from './config';
import { createPrisma, type PrismaClient } from './adapters/db/prisma';
import { createSqlPool, type PooledSql } from './adapters/db/sql';
import { createPostingBatcher, type PostingBatcher } from './adapters/db/post-entry-statement';
import { createLazyPdfRenderer, type PdfRenderer } from './adapters/pdf/render-pool';
import { createReadCaches, type ReadCaches } from './adapters/cache/read-caches';
import { createFileCache, type FileCache } from './adapters/cache/file-cache';
import { createMailer, type Mailer } from './adapters/mail/mailer';

/**
 * The rendered-file cache of a web process, in MB. Peak day's hot set must fit: the
 * 1,000,000-line organization of bench:downloads has 24 general ledgers of up to 5 MB among
 * its most requested files, and at 64 MB the load re-rendered them (4,759 req/s, p99 7.4 s,
 * 1,042 × 503) where 256 MB served every download from memory.
 */
const DEFAULT_FILE_CACHE_MB = 256;

export interface AppContext {
  /** The PostgreSQL connection string (graphile-worker and raw `pg` pools need it too). */
  readonly databaseUrl: string;
  readonly prisma: PrismaClient;
  /** Raw `pg` for the statements on the hottest write path (lib/adapters/db/sql.ts). */
  readonly sql: PooledSql;
  /** Postings sent on `sql`, concurrent ones batched into one statement and commit (post-entry-statement.ts). */
  readonly postings: PostingBatcher;
  readonly mongo: MongoClient;
  /** The read side's database. */
  readonly db: Db;
  /** PDF rendering (threads are started on the first render). */
  readonly renderer: PdfRenderer;
  /** Rendered report files by ETag. */
  readonly fileCache: FileCache;
  /**
   * Credentials, memberships and report headers, dropped by PostgreSQL notifications.
   * Off (`enabled` false) unless the process runs an invalidation listener (the web server
   * does: web/main.ts); then every read asks the databases.
   */
  readonly caches: ReadCaches;
  /** Outgoing e-mail (invitations); null when SMTP_URL is not set. */
  readonly mailer: Mailer | null;
  /** The clock: use cases take `now` as an argument, and this is where it comes from. */
  readonly now: () => Date;
}

export interface AppContextOptions {
  databaseUrl: string;
  mongoUri: string;
  /** Default "closebook". */
  mongoDbName?: string;
  /** pg pool size of the Prisma client, and of the raw `pg` pool; default 10 each. */
  databasePoolSize?: number;
  /** Default 20. */
  mongoPoolSize?: number;
  /** Render threads; 0 renders in-process. Default 1. */
  pdfRenderThreads?: number;
  /** The rendered-file cache's memory budget; default 64 MiB. */
  fileCacheBytes?: number;
  /** Different files rendering at once in this process before 503 + Retry-After; default 8. */
  maxRendering?: number;
  /**
   * Batch concurrent postings into one statement and commit (group commit, POSTING_BATCH=on).
   * Default off: on this 2-core machine with the embedded PostgreSQL (fsync off, loopback)
   * `npm run bench` measured it slower (368 / 395 entries/s over 8 / 1 organizations against
   * 399 / 468 without); it is for deployments where a commit's latency dominates.
   */
  postingBatch?: boolean;
  /**
   * Postings waiting for a database connection beyond which the next is refused with 503 +
   * Retry-After (POSTING_QUEUE; lib/adapters/db/post-entry-statement.ts); default unbounded
   * here, 256 in a deployed process.
   */
  postingQueue?: number;
  /** Entries per read cache (credentials, memberships, report headers); default 100,000. */
  cacheEntries?: number;
  /** SMTP server (smtp:// or smtps:// URL) and From address; no URL, no mailer. */
  smtp?: { url: string; from: string } | null;
  now?: () => Date;
}

/** The options a deployed process runs with (see README, "Configuration"). Read lazily: `next build` has none of them. */
export function appContextOptionsFromEnv(): AppContextOptions {
  const smtp = smtpUrl();
  return {
    databaseUrl: databaseUrl(),
    mongoUri: mongoUri(),
    mongoDbName: mongoDbName(),
    databasePoolSize: intFromEnv('DATABASE_POOL_SIZE', 10),
    pdfRenderThreads: intFromEnv('PDF_RENDER_THREADS', 1),
    fileCacheBytes: intFromEnv('REPORT_FILE_CACHE_MB', DEFAULT_FILE_CACHE_MB) * 1024 * 1024,
    maxRendering: intFromEnv('REPORT_RENDER_QUEUE', 8),
    postingBatch: process.env.POSTING_BATCH === 'on',
    postingQueue: intFromEnv('POSTING_QUEUE', 256),
    smtp: smtp ? { url: smtp, from: mailFrom() } : null,
  };
}

/** Cheap and synchronous: both drivers connect on their first operation. */
export function createAppContext(options: AppContextOptions): AppContext {
  const mongo = new MongoClient(options.mongoUri, { maxPoolSize: options.mongoPoolSize ?? 20 });
  const sql = createSqlPool(options.databaseUrl, options.databasePoolSize ?? 10);
  return {
    databaseUrl: options.databaseUrl,
    prisma: createPrisma(options.databaseUrl, options.databasePoolSize ?? 10),
    sql,
    postings: createPostingBatcher(
      sql,
      options.postingBatch
        ? { maxBatch: 64, maxInFlight: 2, maxWaiting: options.postingQueue }
        : { maxBatch: 1, maxInFlight: options.databasePoolSize ?? 10, maxWaiting: options.postingQueue },
    ),
    mongo,
    db: mongo.db(options.mongoDbName ?? 'closebook'),
    renderer: createLazyPdfRenderer({ threads: options.pdfRenderThreads ?? 1 }),
    fileCache: createFileCache({
      maxBytes: options.fileCacheBytes ?? DEFAULT_FILE_CACHE_MB * 1024 * 1024,
      maxRendering: options.maxRendering ?? 8,
    }),
    caches: createReadCaches({ maxEntries: options.cacheEntries ?? 100_000 }),
    mailer: options.smtp ? createMailer(options.smtp) : null,
    now: options.now ?? (() => new Date()),
  };
}

/** Stops render threads and closes both connection pools; every part is attempted. */
export async function closeAppContext(context: AppContext): Promise<void> {
  await Promise.allSettled([context.renderer.close(), context.prisma.$disconnect(), context.sql.end(), context.mongo.close()]);
}
