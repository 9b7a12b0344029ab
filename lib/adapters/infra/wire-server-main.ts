// The MongoDB-wire-compatible test server as a process of its own (startEmbeddedMongo with
// ownProcess, used by the stack): one JSON line with its URI on stdout when it listens; it
// stops when its parent closes its stdin or is gone.
import { startWireCompatibleServer } from './embedded-mongo';

async function main(): Promise<void> {
  const server = await startWireCompatibleServer();
  const stop = () => void server.stop().finally(() => process.exit(0));
  process.stdin.once('end', stop);
  process.stdin.once('close', stop);
  process.stdin.resume();
  process.once('SIGTERM', stop);
  // Ctrl+C reaches the whole process group: the parent stops its workers first (they may
  // still be saving) and then closes stdin.
  process.on('SIGINT', () => undefined);
  process.stdout.once('error', () => process.exit(0)); // the parent is gone already
  process.stdout.write(`${JSON.stringify({ uri: server.uri, kind: server.kind })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
