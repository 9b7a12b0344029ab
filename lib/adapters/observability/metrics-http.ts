// GET /metrics over HTTP: the web process answers it in web/main.ts (before Next.js), and a
// worker, which has no HTTP server of its own, serves it on WORKER_METRICS_PORT.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { metricsText } from './metrics';

/**
 * GET /metrics: the Prometheus text format. With a token configured, anything but the exact
 * bearer is 401 (compared in constant time).
 */
export function serveMetrics(
  request: IncomingMessage,
  response: ServerResponse,
  token: string | undefined,
  onError: (error: unknown) => void,
): void {
  answerMetrics(request, response, token).catch((error: unknown) => {
    onError(error);
    if (!response.headersSent) response.writeHead(500).end();
    else response.destroy();
  });
}

async function answerMetrics(request: IncomingMessage, response: ServerResponse, token: string | undefined): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Method not allowed\n');
    return;
  }
  if (token && !bearerMatches(request.headers.authorization, token)) {
    response
      .writeHead(401, { 'www-authenticate': 'Bearer realm="metrics"', 'content-type': 'text/plain; charset=utf-8' })
      .end('Unauthorized\n');
    return;
  }
  const { contentType, body } = await metricsText();
  response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
  response.end(request.method === 'HEAD' ? undefined : body);
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A worker's metrics server: /metrics only, everything else 404. Resolves with the bound port (0 picks one). */
export async function startMetricsServer(options: {
  port: number;
  host: string;
  token?: string | undefined;
  onError: (error: unknown) => void;
}) {
  const server: Server = createServer((request, response) => {
    if ((request.url ?? '').split('?', 1)[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    serveMetrics(request, response, options.token, options.onError);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    port,
    url: `http://${options.host}:${port}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
