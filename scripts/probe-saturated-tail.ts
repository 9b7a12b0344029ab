// Where the download p99 at 200 clients comes from (issue 9): a plain node:http server that
// spends --spins µs of CPU per request (Closebook's warm download costs ~40–80 µs here; the
// plain server of bench:downloads ~0), serving a synthetic mix from memory like
// bench:downloads' (Zipf s = 1.1 over 2,496 files of 12–32 KB, 76 of 200 KB and 24 of
// --big-bytes), loaded by wrk -t1 at each of --clients connections. Prints one row per run.
//   npx tsx scripts/probe-saturated-tail.ts --spins 0,40,80 --clients 50,100,200 [--pin] [--big-bytes 20000]
// --pin runs the server on CPU 0 and wrk on CPU 1 (taskset). --accept-handles 1,64 runs each
// spin with that many listening descriptors (lib/adapters/web/accept-handles.ts): with one, a
// saturated server accepts wrk's 200 new connections one per loop turn, over seconds, and
// wrk's coordinated-omission correction turns those 200 slow first requests into its p99.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { addAcceptHandles } from '../lib/adapters/web/accept-handles';
import { writeWrkFiles, zipfSample } from './bench-downloads/reports';
import { runWrk } from './bench-downloads/wrk';

const { values: args } = parseArgs({
  options: {
    spins: { type: 'string', default: '0,40,80' },
    clients: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '10' },
    'big-bytes': { type: 'string', default: '5000000' },
    pin: { type: 'boolean', default: false },
    'accept-handles': { type: 'string', default: '1,64' },
    /** Internal: run as the server child. */
    serve: { type: 'boolean', default: false },
  },
});
const list = (value: string | undefined) => (value ?? '').split(',').filter(Boolean).map(Number);
const FILES = 2496;
const sizes = Array.from({ length: FILES }, (_, i) => (i < 24 ? Number(args['big-bytes']) : i < 100 ? 200_000 : 12_000 + (i % 50) * 400));

function serve(): void {
  const spinMs = Number(process.env.SPIN_US ?? 0) / 1000;
  const files = sizes.map((size) => Buffer.alloc(size, 7));
  const server = http.createServer((request, response) => {
    const body = files[Number((request.url ?? '/0').slice(1))] ?? files[0] ?? Buffer.alloc(0);
    const until = performance.now() + spinMs;
    while (performance.now() < until); // the per-request CPU of an application
    response.writeHead(200, { 'content-type': 'application/pdf', 'content-length': body.length });
    response.end(body);
  });
  server.keepAliveTimeout = 60_000;
  server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => {
    void addAcceptHandles(server, Number(process.env.ACCEPT_HANDLES ?? 1), { backlog: 4096 }).then(() =>
      console.log(`LISTENING ${(server.address() as AddressInfo).port}`),
    );
  });
}

async function main(): Promise<void> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'closebook-tail-'));
  try {
    const sample = zipfSample(FILES, 1.1, 100_000);
    const files = await writeWrkFiles(
      workDir,
      'tail',
      sizes.map((_, i) => ({ path: `/${i}`, etag: '' })),
      sample,
    );
    const meanBytes = Math.round(sample.reduce((sum, i) => sum + (sizes[i] ?? 0), 0) / sample.length);
    console.log(
      `mix: ${FILES} files, mean ${meanBytes} bytes per request; server ${args.pin ? 'on CPU 0, wrk on CPU 1' : 'and wrk unpinned'}`,
    );
    console.log(
      ['spin µs', 'accepts', 'clients', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'timeouts'].map((cell) => cell.padStart(10)).join(''),
    );
    const rows = [];
    for (const spin of list(args.spins))
      for (const acceptHandles of list(args['accept-handles'])) {
        const command = args.pin ? ['taskset', '-c', '0', process.execPath] : [process.execPath];
        const child = spawn(command[0] ?? process.execPath, [...command.slice(1), ...process.execArgv, __filename, '--serve'], {
          env: { ...process.env, SPIN_US: String(spin), ACCEPT_HANDLES: String(acceptHandles) },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        const port = await new Promise<number>((resolve) =>
          child.stdout.on('data', (data: Buffer) => {
            const match = /LISTENING (\d+)/.exec(data.toString());
            if (match) resolve(Number(match[1]));
          }),
        );
        const run = (clients: number, seconds: number) =>
          runWrk({
            label: `spin ${spin}`,
            baseUrl: `http://127.0.0.1:${port}`,
            ...files,
            token: '',
            mode: 'get',
            clients,
            seconds,
            threads: 1,
            cpus: args.pin ? '1' : '',
            timeoutSeconds: 30,
            workDir,
          });
        await run(50, 2); // warm-up
        for (const clients of list(args.clients)) {
          const result = await run(clients, Number(args.seconds));
          rows.push({ spinUs: spin, acceptHandles, ...result });
          console.log(
            [spin, acceptHandles, clients, result.perSecond, result.p50, result.p99, result.max, result.timeouts]
              .map((cell) => String(cell).padStart(10))
              .join(''),
          );
        }
        child.kill();
      }
    console.log(JSON.stringify({ probe: 'saturated-tail', meanBytes, pinned: args.pin, rows }));
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

if (args.serve) serve();
else void main();
