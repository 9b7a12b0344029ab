// The event-loop lag that load shedding reads: near zero on an idle loop, the length of a
// long task while it runs and right after it.
import { afterEach, describe, expect, it } from 'vitest';
import { monitorEventLoopLag, type EventLoopLag } from './event-loop-lag';

let monitor: EventLoopLag | undefined;
afterEach(() => monitor?.stop());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // a synchronous task the loop cannot interrupt
  }
};

describe('monitorEventLoopLag', () => {
  it('reads near zero while the loop keeps up', async () => {
    monitor = monitorEventLoopLag({ intervalMs: 10 });
    await sleep(100);
    expect(monitor.lagMs()).toBeLessThan(50);
  });

  it('reads the lag during a long task, before its timer could fire, and after it', async () => {
    monitor = monitorEventLoopLag({ intervalMs: 10 });
    await sleep(30);
    busy(150);
    expect(monitor.lagMs()).toBeGreaterThan(100); // overdue now
    await sleep(0);
    await sleep(5);
    expect(monitor.lagMs()).toBeGreaterThanOrEqual(0);
    await sleep(100);
    expect(monitor.lagMs()).toBeLessThan(50); // caught up again
  });

  it('follows an injected clock', () => {
    let clock = 1_000;
    monitor = monitorEventLoopLag({ intervalMs: 20, now: () => clock });
    expect(monitor.lagMs()).toBe(0);
    clock += 520; // due at 1,020; nothing fired
    expect(monitor.lagMs()).toBe(500);
  });
});
