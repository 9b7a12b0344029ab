// Measurement helpers shared by the benchmark scripts: latency summaries, a closed-loop
// load generator, and peak memory of processes read from /proc (Linux).
import { readdirSync, readFileSync } from 'node:fs';

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export interface LatencySummary {
  count: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

export function summary(latencies: number[], elapsedMs: number): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    count: latencies.length,
    perSecond: round((latencies.length / elapsedMs) * 1000),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
  };
}

/** Runs `clients` loops calling `request` until `until()` says stop; returns the latencies' summary. */
export async function closedLoop(
  clients: number,
  durationMs: number | (() => boolean),
  request: () => Promise<void>,
): Promise<LatencySummary> {
  const latencies: number[] = [];
  const started = performance.now();
  const done = typeof durationMs === 'number' ? () => performance.now() >= started + durationMs : durationMs;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (!done()) {
        const t0 = performance.now();
        await request();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return summary(latencies, performance.now() - started);
}

export async function expectStatus(response: Response, status: number): Promise<void> {
  if (response.status !== status) throw new Error(`${response.url}: expected ${status}, got ${response.status} ${await response.text()}`);
  await response.arrayBuffer();
}

export interface ProcessMemory {
  pid: number;
  command: string;
  /** Resident set size now, MB. */
  rssMb: number;
  /** Peak resident set size since the process started (VmHWM), MB. */
  peakMb: number;
}

/** Current and peak RSS of a process, or null when it is gone (or not on Linux). */
export function processMemory(pid: number): ProcessMemory | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    return { pid, command, rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return null;
  }
}

/** The process and all its descendants (Linux /proc/<pid>/task/<tid>/children). */
export function processTree(pid: number): number[] {
  const result = [pid];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      for (const child of children ? children.split(/\s+/).map(Number) : []) result.push(...processTree(child));
    }
  } catch {
    // gone meanwhile
  }
  return result;
}
