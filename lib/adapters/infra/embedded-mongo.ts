// The zero-setup read side, used only when MONGODB_URI is not set:
//  1. a real mongod through mongodb-memory-server, when a binary can be had without a
//     download (MONGOMS_SYSTEM_BINARY, `mongod` on PATH, or the package's cache), or with
//     a download when CLOSEBOOK_MONGO_DOWNLOAD=1 (machines with internet);
//  2. otherwise the in-process MongoDB-wire-compatible test server from
//     @push.rocks/smartmongo ("Congo"), a limited stand-in (see ARCHITECTURE.md).
// Either way the documents live in memory and are rebuilt from PostgreSQL at start.
import { execFileSync } from 'node:child_process';
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

export async function startEmbeddedMongo(): Promise<RunningMongo> {
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
  return startWireCompatibleServer();
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
