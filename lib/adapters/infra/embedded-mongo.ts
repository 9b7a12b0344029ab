// The zero-setup read side, used only when MONGODB_URI is not set:
//  1. a real mongod through mongodb-memory-server, when a binary can be had without a
//     download (MONGOMS_SYSTEM_BINARY, `mongod` on PATH, or the package's cache), or with
//     a download when CLOSEBOOK_MONGO_DOWNLOAD=1 (machines with internet);
//  2. otherwise the MongoDB-wire-compatible test server from @push.rocks/smartmongo
//     ("Congo"), a limited stand-in (see ARCHITECTURE.md): in this process (the tests), or
//     in a child process of its own (`{ ownProcess: true }`, the stack: `npm start` and the
//     benchmarks, whose own event loop is their load generator and must not also serve
//     every worker's reads and writes).
// Either way the documents live in memory and are rebuilt from PostgreSQL at start.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo, Server } from 'node:net';

export interface RunningMongo {
  uri: string;
  /** Which server this is, for logs and benchmark labels. */
  kind: string;
  stop(): Promise<void>;
}

export function findMongodBinary(): string | null {
  const fromEnv = process.env.MONGOMS_SYSTEM_BINARY;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  try {
    const found = execFileSync('sh', ['-c', 'command -v mongod'], { encoding: 'utf8' }).trim();
    if (found) return found;
  } catch {
    // not on PATH
  }
  const cacheDirs = [
    process.env.MONGOMS_DOWNLOAD_DIR,
    path.join(process.cwd(), 'node_modules', '.cache', 'mongodb-memory-server'),
    path.join(os.homedir(), '.cache', 'mongodb-binaries'),
  ];
  for (const dir of cacheDirs) {
    if (!dir || !existsSync(dir)) continue;
    const binary = readdirSync(dir).find((name) => name.startsWith('mongod-'));
    if (binary) return path.join(dir, binary);
  }
  return null;
}

export async function startEmbeddedMongo(options: { ownProcess?: boolean } = {}): Promise<RunningMongo> {
  const binary = findMongodBinary();
  if (binary || process.env.CLOSEBOOK_MONGO_DOWNLOAD === '1') {
    const { MongoMemoryServer } = await import('mongodb-memory-server-core');
    const server = await MongoMemoryServer.create(binary ? { binary: { systemBinary: binary } } : {});
    return {
      uri: server.getUri(),
      kind: `mongod via mongodb-memory-server (${binary ?? 'downloaded'})`,
      stop: async () => void (await server.stop()),
    };
  }
  return options.ownProcess ? startWireCompatibleServerProcess() : startWireCompatibleServer();
}

/**
 * The wire-compatible server in a child process (wire-server-main.ts). It prints its URI and
 * kind as one JSON line; it exits when its stdin closes, so it never outlives this process,
 * however this one ends (SIGKILL included).
 */
export function startWireCompatibleServerProcess(): Promise<RunningMongo> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'wire-server-main.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let output = '';
    const fail = (reason: string) => reject(new Error(`the MongoDB-wire test server process ${reason}`));
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code) => fail(`exited with ${String(code)} before it was ready: ${output}`));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const newline = output.indexOf('\n');
      if (newline < 0) return;
      const ready = JSON.parse(output.slice(0, newline)) as { uri: string; kind: string };
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({
        uri: ready.uri,
        kind: `${ready.kind.replace(', in memory)', '')}, in memory, own process)`,
        stop: () => {
          child.stdin.end();
          return exited;
        },
      });
    });
  });
}

/** The in-process MongoDB-wire-compatible server (no mongod needed). */
export async function startWireCompatibleServer(): Promise<RunningMongo> {
  const { CongoServer } = await import('@push.rocks/smartmongo/dist_ts/congodb/index.js');
  const server = new CongoServer({ port: 0, host: '127.0.0.1' });
  await server.start();
  // The class reports the configured port (0); the bound one is on its net.Server.
  const address = (server as unknown as { server: Server }).server.address() as AddressInfo;
  return {
    // poll monitoring: without it the driver resets its pool every second against this server.
    uri: `mongodb://127.0.0.1:${address.port}/?directConnection=true&serverMonitoringMode=poll`,
    kind: 'CongoServer (@push.rocks/smartmongo 2.2.0, MongoDB-wire-compatible test server, in memory)',
    stop: () => server.stop(),
  };
}
