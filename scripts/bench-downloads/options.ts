// Command-line flags of `npm run bench:downloads` (README.md, "Benchmark").
import { parseArgs } from 'node:util';

export interface BenchOptions {
  bigLines: number;
  bigMonths: number;
  smallOrgs: number;
  months: number;
  smallEntries: number;
  seconds: number;
  clients: number;
  computeClients: number;
  computeSeconds: number;
  port: number;
  workers: number;
  dataDir: string | undefined;
  keep: boolean;
  zipf: number;
  writers: number;
  memoryBudgetMb: number;
  tokenBoundMs: number;
  coldRounds: number;
  wrkThreads: number;
  /** CPU list wrk is pinned to (taskset -c), or '' for wherever the scheduler puts it. */
  wrkCpus: string;
  readyTimeoutSeconds: number;
  webEnv: Record<string, string>;
}

export function readOptions(argv: string[] = process.argv.slice(2)): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      'big-lines': { type: 'string', default: '1000000' },
      'big-months': { type: 'string', default: '24' },
      'small-orgs': { type: 'string', default: '200' },
      months: { type: 'string', default: '3' },
      'small-entries': { type: 'string', default: '20' },
      seconds: { type: 'string', default: '20' },
      clients: { type: 'string', default: '200' },
      'compute-clients': { type: 'string', default: '8' },
      'compute-seconds': { type: 'string' },
      port: { type: 'string', default: '3302' },
      workers: { type: 'string', default: '2' },
      'data-dir': { type: 'string' },
      keep: { type: 'boolean', default: false },
      zipf: { type: 'string', default: '1.1' },
      writers: { type: 'string', default: '4' },
      // The web process tree (Next.js, the caches, the 256 MB file cache full, render threads):
      // 1,338–1,488 MB at peak on the 1,000,000-line data set.
      'memory-budget-mb': { type: 'string', default: '1536' },
      'token-bound-ms': { type: 'string', default: '5000' },
      'cold-rounds': { type: 'string', default: '3' },
      // One: two wrk threads on this 2-core machine starve some of their own connections (a
      // plain node:http server answering 36 KB: p99 426–955 ms with -t2, 19–146 ms with -t1,
      // at the same 20,000 req/s), a tail of the load generator, not of the server.
      'wrk-threads': { type: 'string', default: '1' },
      // A CPU list for wrk alone (taskset -c), e.g. 1: the load generator keeps a core of its
      // own instead of being scheduled between the server's processes on both, so its tail
      // and the server's are not mixed. Unpinned by default.
      'wrk-cpus': { type: 'string', default: '' },
      'ready-timeout': { type: 'string', default: '7200' },
      'web-env': { type: 'string', multiple: true, default: [] },
    },
  });
  const int = (name: keyof typeof values, min: number): number => {
    const raw = values[name];
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer ≥ ${min}, got ${String(raw)}`);
    return value;
  };
  const webEnv: Record<string, string> = {};
  for (const pair of values['web-env']) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(pair);
    if (!match?.[1]) throw new Error(`--web-env takes KEY=VALUE, got ${pair}`);
    webEnv[match[1]] = match[2] ?? '';
  }
  const zipf = Number(values.zipf);
  if (!(zipf > 0)) throw new Error('--zipf must be a positive number');
  const seconds = int('seconds', 1);
  return {
    bigLines: int('big-lines', 2),
    bigMonths: int('big-months', 1),
    smallOrgs: int('small-orgs', 1),
    months: int('months', 1),
    smallEntries: int('small-entries', 1),
    seconds,
    clients: int('clients', 1),
    computeClients: int('compute-clients', 1),
    computeSeconds: values['compute-seconds'] === undefined ? seconds : int('compute-seconds', 1),
    port: int('port', 1),
    workers: int('workers', 1),
    dataDir: values['data-dir'],
    keep: values.keep,
    zipf,
    writers: int('writers', 0),
    memoryBudgetMb: int('memory-budget-mb', 1),
    tokenBoundMs: int('token-bound-ms', 0),
    coldRounds: int('cold-rounds', 1),
    wrkThreads: int('wrk-threads', 1),
    wrkCpus: values['wrk-cpus'] ?? '',
    readyTimeoutSeconds: int('ready-timeout', 1),
    webEnv,
  };
}
