// A stand-in for web/main.ts, for tests/integration/metrics.int.test.ts: the real front
// (lib/adapters/web/front.ts: request ID, /metrics, the download hot path, the per-request
// log line and metrics) and the real invalidation listener, in front of the real API route
// handlers in place of Next.js (which cannot be built from a worktree; see crash-web.ts).
//
// Run: node --import tsx tests/helpers/metrics-web.ts, with DATABASE_URL, MONGODB_URI,
// MONGODB_DB (and METRICS_TOKEN, LOG_LEVEL as the web process takes them). Prints
// "listening <port>" once it accepts connections.
import http from 'node:http';
import { listenForInvalidations } from '../../lib/adapters/cache/invalidation';
import { initLogger } from '../../lib/adapters/observability/logger';
import { collectProcessMetrics } from '../../lib/adapters/observability/metrics';
import { setWebContext } from '../../lib/adapters/web/context';
import { createWebFront } from '../../lib/adapters/web/front';
import { appContextOptionsFromEnv, createAppContext } from '../../lib/context';
import { dispatchRoute, loadRouteModules, sendFetchResponse, toFetchRequest } from './route-dispatch';

const log = initLogger('web');
collectProcessMetrics();
const ctx = createAppContext(appContextOptionsFromEnv());
setWebContext(ctx);
listenForInvalidations({ connectionString: ctx.databaseUrl, caches: ctx.caches, log: (line) => log.warn(line) });
const routes = loadRouteModules();

/** What Next.js would do with the request: the matching route handler, else 404. */
async function next(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const answer = await dispatchRoute(await routes, await toFetchRequest(request));
  if (answer) await sendFetchResponse(response, answer);
  else response.writeHead(404).end();
}

const server = http.createServer(createWebFront({ ctx, next, trustedProxies: [], metricsToken: process.env.METRICS_TOKEN }));
void routes.then(() =>
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);
  }),
);
