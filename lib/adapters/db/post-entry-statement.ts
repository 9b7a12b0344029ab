// How a posting reaches PostgreSQL: closebook_post_entry (migration
// 20261202110000_posting_functions), alone or — under load, in the web process — batched
// with the postings that arrived meanwhile into one closebook_post_entries statement: one
// round trip and one commit for many postings (group commit). Each posting in a batch is
// written exactly as it would be alone (its own membership check, lock, idempotency,
// period and account checks, subtransaction), so batching changes throughput, not meaning;
// every posting still enqueues its rebuilds in the transaction that writes it.
//
// Off by default (POSTING_BATCH=on turns it on, lib/context.ts): measured slower on this
// machine, where CPU, not commit latency, limits postings.
//
// The batcher adds no wait: a posting goes at once while fewer than `maxInFlight`
// statements are running; only postings that arrive while they all are wait, and leave
// together with the next free slot.
//
// And it bounds that wait: beyond `maxWaiting` postings waiting, a posting is refused at once
// with 503 service_unavailable and Retry-After, before anything is written (so the client
// may simply send it again). Offered more than the database can take, postings then
// degrade the way a client can act on — an answer in milliseconds saying when to come back —
// instead of queueing without end until clients time out, not knowing whether their entry
// was written (`npm run bench`, 400 entries/s: 590 client timeouts of 10 s without it).
import { AppError } from '../../errors';
import type { Sql } from './sql';

/** Retry-After of a posting refused because too many wait (seconds). */
export const POSTING_RETRY_AFTER_SECONDS = 1;

/** closebook_post_entry's 24 arguments, in order (post-journal-entry.ts builds them). */
export type PostEntryArguments = readonly unknown[];

/** Posts one entry's arguments; answers the function's jsonb outcome. */
export type PostEntrySubmit = (args: PostEntryArguments) => Promise<unknown>;

const SINGLE = `SELECT closebook_post_entry($1::uuid, $2::uuid, $3::text[], $4::timestamptz, $5::text, $6::uuid, $7::date, $8::text,
  $9::text, $10::text, $11::text, $12::text, $13::jsonb, $14::text[], $15::bigint[], $16::bigint[], $17::text[], $18::text,
  $19::text, $20::text[], $21::int, $22::smallint, $23::smallint, $24::int) AS result`;

export function postEntryAlone(sql: Sql): PostEntrySubmit {
  return async (args) => {
    const [row] = await sql.query<{ result: unknown }>(SINGLE, args);
    return row?.result;
  };
}

interface Waiting {
  args: PostEntryArguments;
  resolve: (outcome: unknown) => void;
  reject: (error: unknown) => void;
}

export interface PostingBatcher {
  submit: PostEntrySubmit;
  /** Statements sent, and postings they carried (for the closing figures and tests). */
  readonly stats: { statements: number; postings: number; largestBatch: number };
}

export function createPostingBatcher(
  sql: Sql,
  options: { maxInFlight?: number; maxBatch?: number; maxWaiting?: number } = {},
): PostingBatcher {
  const maxInFlight = options.maxInFlight ?? 2;
  const maxBatch = options.maxBatch ?? 64;
  const maxWaiting = options.maxWaiting ?? Number.POSITIVE_INFINITY;
  const alone = postEntryAlone(sql);
  const waiting: Waiting[] = [];
  const stats = { statements: 0, postings: 0, largestBatch: 0 };
  let inFlight = 0;

  const send = async (batch: Waiting[]) => {
    stats.statements += 1;
    stats.postings += batch.length;
    stats.largestBatch = Math.max(stats.largestBatch, batch.length);
    if (batch.length === 1 && batch[0]) {
      const [only] = batch;
      only.resolve(await alone(only.args));
      return;
    }
    const rows = await sql.query<{ ord: number; result: unknown }>('SELECT ord, result FROM closebook_post_entries($1::jsonb)', [
      JSON.stringify(batch.map((item) => item.args)),
    ]);
    for (const row of rows) batch[row.ord]?.resolve(row.result);
  };

  const pump = () => {
    while (inFlight < maxInFlight && waiting.length > 0) {
      const batch = waiting.splice(0, maxBatch);
      inFlight += 1;
      send(batch)
        // A failed statement (connection lost, say) fails every posting it carried; a
        // posting the statement never answered is a bug, reported as one.
        .catch((error: unknown) => batch.forEach((item) => item.reject(error)))
        .finally(() => {
          batch.forEach((item) => item.reject(new Error('closebook_post_entries gave no outcome for a posting')));
          inFlight -= 1;
          pump();
        });
    }
  };

  return {
    stats,
    submit: (args) =>
      new Promise((resolve, reject) => {
        if (waiting.length >= maxWaiting) {
          reject(
            new AppError('service_unavailable', `Too many postings at once; try again in ${POSTING_RETRY_AFTER_SECONDS} second`, [], {
              retryAfterSeconds: POSTING_RETRY_AFTER_SECONDS,
            }),
          );
          return;
        }
        waiting.push({ args, resolve, reject });
        pump();
      }),
  };
}
