// The web process: Next.js behind a plain node:http server, on one port and origin. Every
// request first passes the front (lib/adapters/web/front.ts): request ID, client address,
// GET /metrics, then the download hot path (lib/adapters/web/download-hot-path.ts), which
// answers warm report downloads from memory without the framework's request pipeline;
// everything else — pages, server actions, the API, and any download the hot path cannot
// answer — goes to Next.js's own request handler, unchanged.
//
// This process also keeps the LISTEN connection that invalidates its caches
// (lib/adapters/cache/invalidation.ts); without it the caches stay off.
import { createServer } from 'node:http';
import path from 'node:path';
import next from 'next';
import { listenForInvalidations } from '../lib/adapters/cache/invalidation';
import { trustedProxies } from '../lib/config';
import { closeAppContext } from '../lib/context';
import { initLogger } from '../lib/adapters/observability/logger';
import { collectProcessMetrics } from '../lib/adapters/observability/metrics';
import { webContext } from '../lib/adapters/web/context';
import { createWebFront } from '../lib/adapters/web/front';
import { intFromEnv } from '../lib/config';
import { refreshAheadFor } from '../lib/adapters/web/refresh-ahead';
import { addAcceptHandles } from '../lib/adapters/web/accept-handles';

const log = initLogger('web');

async function main(): Promise<void> {
  const dev = process.argv.includes('--dev');
  // As `next start` / `next dev` would (npm run web does not set it).
  if (!process.env.NODE_ENV) Object.assign(process.env, { NODE_ENV: dev ? 'development' : 'production' });
  const port = Number(process.env.PORT ?? 3000);
  const hostname = process.env.HOSTNAME_BIND ?? '127.0.0.1';
  collectProcessMetrics();
  const app = next({ dev, dir: path.resolve(__dirname, '..'), hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  // The same AppContext the route handlers use (it lives on globalThis).
  const ctx = webContext();
  const listener = listenForInvalidations({
    connectionString: ctx.databaseUrl,
    caches: ctx.caches,
    log: (line) => log.warn({ component: 'cache' }, line),
    // A rebuilt report this process has been serving is rendered before anyone asks again.
    onInvalidation: (kind, key) => {
      if (kind === 'report' && key !== '*') refreshAheadFor(ctx).changed(key);
    },
  });
  const server = createServer(
    createWebFront({
      ctx,
      next: (request, response) => handle(request, response),
      trustedProxies: trustedProxies(),
      metricsToken: process.env.METRICS_TOKEN,
      postingShedLagMs: intFromEnv('POSTING_SHED_LAG_MS', 500),
    }),
  );
  server.keepAliveTimeout = 65_000;
  // A deeper accept queue than Node's 511: a burst of new connections waits to be accepted
  // (and, for a posting, shed with 503 if the process is behind) instead of overflowing.
  const backlog = 4096;
  await new Promise<void>((resolve) => server.listen({ port, host: hostname, backlog }, resolve));
  // libuv accepts one connection per listening descriptor per loop turn; a saturated process
  // would take seconds to accept a crowd of new connections (lib/adapters/web/accept-handles.ts).
  const acceptHandles = await addAcceptHandles(server, intFromEnv('WEB_ACCEPT_HANDLES', 64), {
    backlog,
    onError: (error) => log.warn({ err: error }, 'one accept per loop turn: extra accept handles failed'),
  });
  log.info(
    {
      url: `http://${hostname}:${port}`,
      metrics: `http://${hostname}:${port}/metrics`,
      dev,
      acceptHandles: acceptHandles.extra.length + 1,
    },
    'web listening',
  );

  const stop = () => {
    acceptHandles.close();
    server.close();
    server.closeAllConnections();
    void Promise.allSettled([listener.stop(), app.close(), closeAppContext(ctx)]).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, 'web failed to start');
  process.exit(1);
});
