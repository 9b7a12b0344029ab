// The real route handlers behind a node:http request, as Next.js would call them: the URL
// is matched against API_ROUTES, the node request becomes a fetch Request, the handler's
// Response is written back. Used by the processes that stand in for web/main.ts's Next.js
// (tests/helpers/crash-web.ts, tests/helpers/metrics-web.ts): `next build` does not work
// from a worktree, so the tests cannot run the framework itself (see crash-web.ts).
import type http from 'node:http';
import path from 'node:path';
import { API_ROUTES, type RouteModule } from './api';

export type RouteModules = Record<string, RouteModule>;

export async function loadRouteModules(): Promise<RouteModules> {
  const routes: RouteModules = {};
  for (const [, module] of API_ROUTES) {
    const file = path.resolve(__dirname, '../../app/api/v1', module, 'route.ts');
    routes[module] = (await import(/* @vite-ignore */ file)) as RouteModule;
  }
  return routes;
}

/** The matching route's answer, or null when no route (or no handler for the method) matches. */
export async function dispatchRoute(routes: RouteModules, request: Request): Promise<Response | null> {
  const url = new URL(request.url);
  for (const [pattern, module, names] of API_ROUTES) {
    const match = pattern.exec(url.pathname);
    if (!match) continue;
    const handler = routes[module]?.[request.method as 'GET' | 'POST' | 'PATCH' | 'DELETE'];
    if (!handler) return null;
    const params = Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? '')]));
    return handler(request, { params: Promise.resolve(params) });
  }
  return null;
}

async function readBody(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A node request as the fetch Request a route handler takes. */
export async function toFetchRequest(request: http.IncomingMessage): Promise<Request> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  return new Request(url, { method: request.method ?? 'GET', headers, ...(hasBody ? { body: await readBody(request) } : {}) });
}

export async function sendFetchResponse(response: http.ServerResponse, answer: Response): Promise<void> {
  response.writeHead(answer.status, Object.fromEntries(answer.headers.entries()));
  response.end(Buffer.from(await answer.arrayBuffer()));
}
