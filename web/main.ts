// The web process: Next.js behind a plain node:http server, on one port and origin. Every
// request is first offered to the download hot path (lib/adapters/web/download-hot-path.ts), which
// answers warm report downloads from memory without the framework's request pipeline, then
// to the posting hot path (lib/adapters/web/posting-hot-path.ts);
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
import { CLIENT_ADDRESS_HEADER, clientAddress } from '../lib/adapters/http/client-address';
import { webContext } from '../lib/adapters/web/context';
import { serveDownloadFromMemory } from '../lib/adapters/web/download-hot-path';
import { servePostingFast } from '../lib/adapters/web/posting-hot-path';

async function main(): Promise<void> {
  const dev = process.argv.includes('--dev');
  // As `next start` / `next dev` would (npm run web does not set it).
  if (!process.env.NODE_ENV) Object.assign(process.env, { NODE_ENV: dev ? 'development' : 'production' });
  const port = Number(process.env.PORT ?? 3000);
  const hostname = process.env.HOSTNAME_BIND ?? '127.0.0.1';
  const app = next({ dev, dir: path.resolve(__dirname, '..'), hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  // The same AppContext the route handlers use (it lives on globalThis).
  const ctx = webContext();
  const listener = listenForInvalidations({ connectionString: ctx.databaseUrl, caches: ctx.caches });
  const proxies = trustedProxies();

  const server = createServer((request, response) => {
    // The per-address sign-in limit's key (lib/http/client-address.ts); whatever the client
    // sent under this name is replaced, so only this process can set it.
    const address = clientAddress({
      peer: request.socket.remoteAddress,
      forwardedFor: request.headers['x-forwarded-for'],
      trustedProxies: proxies,
    });
    if (address) request.headers[CLIENT_ADDRESS_HEADER] = address;
    else delete request.headers[CLIENT_ADDRESS_HEADER];
    serveDownloadFromMemory(ctx, request, response)
      .then((served) => served || servePostingFast(ctx, request, response))
      .then((served) => (served ? undefined : handle(request, response)))
      .catch((error: unknown) => {
        // A hot path fails before it takes the request (the posting path answers its own
        // errors once it has read the body); Next.js answers instead.
        console.error('[web] hot path failed; handing the request to Next.js', error);
        if (!response.headersSent) return handle(request, response);
        response.destroy();
        return undefined;
      });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(port, hostname, resolve));
  console.log(`[web] listening on http://${hostname}:${port} (pid ${process.pid}${dev ? ', development' : ''})`);

  const stop = () => {
    server.close();
    server.closeAllConnections();
    void Promise.allSettled([listener.stop(), app.close(), closeAppContext(ctx)]).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('[web] fatal', error);
  process.exit(1);
});
