// The supervisor with real child processes: a killed child comes back with a new PID, a
// crash loop backs off and is given up, and stop() leaves nothing running or restarting.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { superviseChildren, type ChildSpec, type Supervisor } from './supervisor';

const node = (name: string, script: string): ChildSpec => ({
  name,
  command: process.execPath,
  args: ['-e', script],
  cwd: process.cwd(),
  env: process.env,
});
const STAYS_UP = 'setInterval(() => {}, 1000)';
const CRASHES = 'process.exit(3)';

let supervisor: Supervisor | undefined;
afterEach(async () => {
  await supervisor?.stop();
  supervisor = undefined;
});

async function until<T>(read: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(10);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('superviseChildren', () => {
  it('restarts a child killed with SIGKILL, and logs why; the other child is untouched', async () => {
    const lines: string[] = [];
    supervisor = superviseChildren([node('web', STAYS_UP), node('worker 1', STAYS_UP)], {
      log: (line) => lines.push(line),
      policy: { initialDelayMs: 20 },
    });
    const web = await until(() => supervisor?.pid('web'));
    const worker = await until(() => supervisor?.pid('worker 1'));
    process.kill(worker, 'SIGKILL');
    const restarted = await until(() => {
      const pid = supervisor?.pid('worker 1');
      return pid !== undefined && pid !== worker && isRunning(pid) ? pid : undefined;
    });
    expect(restarted).not.toBe(worker);
    expect(supervisor.pid('web')).toBe(web);
    expect(lines).toEqual([
      expect.stringMatching(/^worker 1 was killed by SIGKILL after .* s; restarting it in 0\.0 s \(crash 1 of at most 5 in a row\)$/),
    ]);
  });

  it('backs off (doubling) while a child keeps crashing, then gives up on it', async () => {
    const lines: string[] = [];
    supervisor = superviseChildren([node('worker 1', CRASHES)], {
      log: (line) => lines.push(line),
      policy: { initialDelayMs: 50, maxDelayMs: 120, maxCrashes: 4 },
    });
    const started = Date.now();
    expect(await supervisor.gaveUp).toEqual({ name: 'worker 1', code: 3, signal: null });
    // 50 + 100 + 120 (capped) ms of backoff before the fourth crash.
    expect(Date.now() - started).toBeGreaterThanOrEqual(270);
    expect(lines.map((line) => line.replace(/after \S+ s/, 'after t'))).toEqual([
      'worker 1 exited with code 3 after t; restarting it in 0.1 s (crash 1 of at most 4 in a row)',
      'worker 1 exited with code 3 after t; restarting it in 0.1 s (crash 2 of at most 4 in a row)',
      'worker 1 exited with code 3 after t; restarting it in 0.1 s (crash 3 of at most 4 in a row)',
      'worker 1 exited with code 3 after t: 4 crashes in a row, not restarting it',
    ]);
  });

  it('stop() ends every child and restarts nothing', async () => {
    const lines: string[] = [];
    supervisor = superviseChildren([node('web', STAYS_UP)], { log: (line) => lines.push(line), policy: { initialDelayMs: 10 } });
    const pid = await until(() => supervisor?.pid('web'));
    await supervisor.stop();
    expect(isRunning(pid)).toBe(false);
    await sleep(100);
    expect(supervisor.pid('web')).toBe(pid);
    expect(lines).toEqual([]);
  });
});
