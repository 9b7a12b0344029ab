// Every child process the benchmark starts (wrk, the baseline servers) is registered
// here, so a failure or Ctrl+C anywhere still ends all of them (stopAllChildren, and a
// synchronous SIGKILL on exit as the last resort).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const children = new Set<ChildProcess>();

process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export function startChild(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** SIGTERM, then SIGKILL after 3 s; resolves when the process has exited. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function stopAllChildren(): Promise<void> {
  await Promise.all([...children].map(stopChild));
}

/** Runs a process to its end; resolves with its stdout (rejects on a non-zero exit). */
export function runToEnd(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = startChild(command, args);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`${path.basename(command)} exited with ${code}: ${stderr || stdout}`)),
    );
  });
}

export interface ChildServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Starts one of the baseline servers of this folder (`node --import tsx <file>`, so the PID
 * is the server) and waits for its "LISTENING <port>" line.
 */
export function startChildServer(file: string, args: string[], env: Record<string, string> = {}): Promise<ChildServer> {
  const child = startChild(process.execPath, ['--import', 'tsx', path.join(__dirname, file), ...args], {
    ...process.env,
    ...env,
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      void stopChild(child);
      reject(new Error(`${file} did not start within 60 s: ${output}`));
    }, 60_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stderr.write(`[${file}] ${chunk.toString()}`);
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /LISTENING (\d+)/.exec(output)?.[1];
      if (!port) return;
      clearTimeout(timer);
      resolve({ url: `http://127.0.0.1:${port}`, pid: child.pid ?? 0, stop: () => stopChild(child) });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${file} exited with ${code} before listening: ${output}`));
    });
  });
}

export { ROOT };
