import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nudgeWhenDue, RETRY_MS, RETRY_WINDOW_MS } from './due-nudge';

describe('nudgeWhenDue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function pool() {
    const nudges: number[] = [];
    return { nudges, workerPool: { nudge: (n: number) => nudges.push(n) } };
  }
  const notify = (events: EventEmitter, workerPool: { nudge(n: number): void }, channel: string, payload?: string) =>
    events.emit('pool:listen:notification', { workerPool, message: { channel, payload } });

  it('nudges the pool again once the announced jobs are due, with their count', () => {
    const events = new EventEmitter();
    const { nudges, workerPool } = pool();
    nudgeWhenDue(events, 200);
    notify(events, workerPool, 'jobs:insert', '{"r":0.5,"count":3}');
    vi.advanceTimersByTime(200);
    expect(nudges).toEqual([]); // not due yet: the job's run_at is 200 ms after its write
    vi.advanceTimersByTime(10);
    expect(nudges).toEqual([3]);
  });

  it('counts a payload without a count as one job, and ignores removals and other channels', () => {
    const events = new EventEmitter();
    const { nudges, workerPool } = pool();
    nudgeWhenDue(events, 200);
    notify(events, workerPool, 'jobs:insert', '');
    notify(events, workerPool, 'jobs:insert', '{"r":0.1,"count":-1}');
    notify(events, workerPool, 'worker:migrate', '{}');
    vi.advanceTimersByTime(1_000);
    expect(nudges).toEqual([1]);
  });

  it('stops: pending nudges are cancelled and later notifications ignored', () => {
    const events = new EventEmitter();
    const { nudges, workerPool } = pool();
    const stop = nudgeWhenDue(events, 200);
    notify(events, workerPool, 'jobs:insert', '{"count":1}');
    stop();
    notify(events, workerPool, 'jobs:insert', '{"count":1}');
    vi.advanceTimersByTime(1_000);
    expect(nudges).toEqual([]);
  });

  it('retries an empty look for a due job (a posting may hold its row), within a bounded window', () => {
    const events = new EventEmitter();
    const { nudges, workerPool } = pool();
    nudgeWhenDue(events, 200);
    const empty = () => events.emit('worker:getJob:empty', {});
    empty(); // nothing announced yet: an idle pool's empty look is not retried
    vi.advanceTimersByTime(RETRY_MS * 2);
    expect(nudges).toEqual([]);
    notify(events, workerPool, 'jobs:insert', '{"count":1}');
    vi.advanceTimersByTime(205);
    expect(nudges).toEqual([1]); // due
    empty();
    empty(); // several workers finding nothing: one retry, not one each
    vi.advanceTimersByTime(RETRY_MS);
    expect(nudges).toEqual([1, 1]);
    vi.advanceTimersByTime(RETRY_WINDOW_MS);
    empty(); // past the window: the pool sleeps until its next poll or notification
    vi.advanceTimersByTime(RETRY_MS * 2);
    expect(nudges).toEqual([1, 1]);
  });

  it('stops when the pool shuts down, and a nudge the pool refuses does not throw', () => {
    const events = new EventEmitter();
    const refusing = {
      nudge: () => {
        throw new Error('nudge called after worker terminated');
      },
    };
    nudgeWhenDue(events, 200);
    notify(events, refusing, 'jobs:insert', '{"count":1}');
    expect(() => vi.advanceTimersByTime(300)).not.toThrow();
    const { nudges, workerPool } = pool();
    notify(events, workerPool, 'jobs:insert', '{"count":1}');
    events.emit('pool:gracefulShutdown', {});
    notify(events, workerPool, 'jobs:insert', '{"count":1}');
    vi.advanceTimersByTime(1_000);
    expect(nudges).toEqual([]);
  });
});
