import { describe, expect, it } from 'vitest';
import { isAppError } from '../../errors';
import { createPostingBatcher, POSTING_RETRY_AFTER_SECONDS } from './post-entry-statement';
import type { Sql } from './sql';

/** A database whose statements answer only when the test says so. */
function heldDatabase() {
  const held: (() => void)[] = [];
  const sql: Sql = {
    query: <Row>() =>
      new Promise<Row[]>((resolve) => {
        held.push(() => resolve([{ result: { outcome: 'created' } } as Row]));
      }),
  };
  return {
    sql,
    release: () => held.splice(0).forEach((answer) => answer()),
    get running() {
      return held.length;
    },
  };
}

describe('createPostingBatcher', () => {
  it('refuses a posting at once with 503 + Retry-After when maxWaiting postings already wait, and takes it again when they have gone', async () => {
    const db = heldDatabase();
    const batcher = createPostingBatcher(db.sql, { maxBatch: 1, maxInFlight: 2, maxWaiting: 3 });
    // Two statements run, three postings wait: the bound is reached.
    const accepted = Array.from({ length: 5 }, () => batcher.submit([]));
    expect(db.running).toBe(2);
    const refused = await batcher.submit([]).then(
      () => null,
      (error: unknown) => error,
    );
    expect(isAppError(refused) && refused.code).toBe('service_unavailable');
    expect(isAppError(refused) && refused.retryAfterSeconds).toBe(POSTING_RETRY_AFTER_SECONDS);
    // Nothing refused was sent; everything accepted is answered.
    for (let round = 0; round < 3; round++) {
      db.release();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await expect(Promise.all(accepted)).resolves.toHaveLength(5);
    expect(batcher.stats.postings).toBe(5);
    // With the queue empty again, the next posting goes.
    const again = batcher.submit([]);
    db.release();
    await expect(again).resolves.toEqual({ outcome: 'created' });
  });

  it('is unbounded without maxWaiting', () => {
    const db = heldDatabase();
    const batcher = createPostingBatcher(db.sql, { maxBatch: 1, maxInFlight: 1 });
    const all = Array.from({ length: 1_000 }, () => batcher.submit([]));
    expect(all).toHaveLength(1_000);
    expect(db.running).toBe(1);
  });
});
