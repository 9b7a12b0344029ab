// `npm start`: the whole application on this machine. With DATABASE_URL / MONGODB_URI
// set it uses those servers; without them it brings up embedded ones and seeds the demo.
import path from 'node:path';
import { intFromEnv } from '../lib/config';
import { DEMO_EMAIL, DEMO_PASSWORD } from '../lib/domains/demo/seed-demo';
import { startStack, superviseStack } from '../lib/adapters/infra/stack';

async function main(): Promise<void> {
  const workers = intFromEnv('WORKERS', 1);
  // Worker i serves /metrics on WORKER_METRICS_PORT + i − 1 (the web process on its own port).
  const workerMetricsPort = intFromEnv('WORKER_METRICS_PORT', 9464);
  const stack = await startStack({
    port: intFromEnv('PORT', 3000),
    workers,
    workerMetricsPort,
    dataDir: process.env.CLOSEBOOK_DATA_DIR ?? path.join(process.cwd(), '.data'),
    seed: process.env.CLOSEBOOK_SEED !== '0',
    dev: process.argv.includes('--dev'),
  });
  console.log('');
  console.log(`  Closebook is running at ${stack.url}`);
  if (stack.embeddedPostgres) console.log(`  Sign in as ${DEMO_EMAIL} / ${DEMO_PASSWORD}`);
  console.log(`  Read side: ${stack.mongoKind}`);
  console.log(`  Metrics: ${stack.url}/metrics (web)`);
  for (let i = 0; i < workers; i++) console.log(`           http://127.0.0.1:${workerMetricsPort + i}/metrics (worker ${i + 1})`);
  console.log('  Press Ctrl+C to stop.');
  console.log('');

  await superviseStack(stack, 'start');
}

main().catch((error: unknown) => {
  console.error('[start] failed:', error);
  process.exit(1);
});
