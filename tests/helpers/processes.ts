// Child processes for crash tests: started as `node --import tsx <entry>` (node itself is
// the child, so SIGKILL hits the process that does the work, not a tsx wrapper), ready when
// a line on stdout matches, and every one of them killed at the end whatever happened.
import { spawn, type ChildProcess } from 'node:child_process';

export interface Managed {
  label: string;
  child: ChildProcess;
  /** Settles when the process has exited (however). */
  exited: Promise<void>;
  /** Everything it printed on stdout so far. */
  output(): string;
}

export interface ProcessGroup {
  /** Starts `entry` and waits until stdout prints a line matching `ready`; returns the match. */
  start(label: string, entry: string, env: Record<string, string>, ready: RegExp, timeoutMs?: number): Promise<[Managed, RegExpMatchArray]>;
  /** SIGKILL, then wait for the exit. */
  kill(process: Managed): Promise<void>;
  /** SIGTERM (graceful), SIGKILL after `graceMs`. */
  stop(process: Managed, graceMs?: number): Promise<void>;
  /** SIGKILLs every process still running (afterAll, also after a failure). */
  killAll(): Promise<void>;
}

export function processGroup(): ProcessGroup {
  const all: Managed[] = [];

  const kill = async (managed: Managed) => {
    if (managed.child.exitCode === null && managed.child.signalCode === null) managed.child.kill('SIGKILL');
    await managed.exited;
  };

  return {
    start(label, entry, env, ready, timeoutMs = 30_000) {
      const child = spawn(process.execPath, ['--import', 'tsx', entry], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      let output = '';
      // Always drained, or a chatty child blocks on a full pipe.
      child.stdout?.on('data', (data: Buffer) => (output += data.toString()));
      const managed: Managed = { label, child, exited, output: () => output };
      all.push(managed);
      child.stderr?.on('data', (data: Buffer) => process.stderr.write(`[${label}] ${data.toString()}`));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${label}: not ready after ${timeoutMs} ms`)), timeoutMs);
        const onData = () => {
          const match = ready.exec(output);
          if (!match) return;
          clearTimeout(timer);
          child.stdout?.off('data', onData);
          resolve([managed, match]);
        };
        child.stdout?.on('data', onData);
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`${label}: exited before it was ready (${child.exitCode ?? child.signalCode})`));
        });
      });
    },
    kill,
    async stop(managed, graceMs = 10_000) {
      if (managed.child.exitCode !== null || managed.child.signalCode !== null) return;
      managed.child.kill('SIGTERM');
      const timer = setTimeout(() => managed.child.kill('SIGKILL'), graceMs);
      await managed.exited;
      clearTimeout(timer);
    },
    async killAll() {
      await Promise.all(all.map(kill));
    },
  };
}
