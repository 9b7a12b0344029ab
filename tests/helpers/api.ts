// The public API in-process: requests go through the real Next.js route handlers (Request
// in, Response out), matched by URL as Next.js would, on the test file's AppContext.
import { createUser } from '../../lib/domains/auth/users';
import { setWebContext } from '../../lib/adapters/web/context';
import type { TestContext } from './context';
import { checkResponse } from './openapi-check';
import { dispatchRoute, loadRouteModules } from './route-dispatch';

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
export type RouteModule = Partial<Record<'GET' | 'POST' | 'PATCH' | 'DELETE', Handler>>;

// URL pattern → route module under app/api/v1.
export const API_ROUTES: [RegExp, string, string[]][] = [
  [/^\/api\/v1\/tokens$/, 'tokens', []],
  [/^\/api\/v1\/tokens\/([^/]+)$/, 'tokens/[id]', ['id']],
  [/^\/api\/v1\/organizations$/, 'organizations', []],
  [/^\/api\/v1\/organizations\/([^/]+)$/, 'organizations/[org]', ['org']],
  [/^\/api\/v1\/organizations\/([^/]+)\/accounts$/, 'organizations/[org]/accounts', ['org']],
  [/^\/api\/v1\/organizations\/([^/]+)\/accounts\/([^/]+)$/, 'organizations/[org]/accounts/[id]', ['org', 'id']],
  [/^\/api\/v1\/organizations\/([^/]+)\/invitations$/, 'organizations/[org]/invitations', ['org']],
  [/^\/api\/v1\/organizations\/([^/]+)\/invitations\/([^/]+)$/, 'organizations/[org]/invitations/[id]', ['org', 'id']],
  [/^\/api\/v1\/organizations\/([^/]+)\/journal-entries$/, 'organizations/[org]/journal-entries', ['org']],
  [/^\/api\/v1\/organizations\/([^/]+)\/journal-entries\/import$/, 'organizations/[org]/journal-entries/import', ['org']],
  [
    /^\/api\/v1\/organizations\/([^/]+)\/journal-entries\/([^/]+)\/reversal$/,
    'organizations/[org]/journal-entries/[id]/reversal',
    ['org', 'id'],
  ],
  [/^\/api\/v1\/organizations\/([^/]+)\/periods\/close-through$/, 'organizations/[org]/periods/close-through', ['org']],
  [/^\/api\/v1\/organizations\/([^/]+)\/periods\/([^/]+)\/close$/, 'organizations/[org]/periods/[period]/close', ['org', 'period']],
  [/^\/api\/v1\/organizations\/([^/]+)\/periods\/([^/]+)\/reopen$/, 'organizations/[org]/periods/[period]/reopen', ['org', 'period']],
  [/^\/api\/v1\/organizations\/([^/]+)\/ledger\/verification$/, 'organizations/[org]/ledger/verification', ['org']],
  [/^\/api\/v1\/organizations\/([^/]+)\/reports$/, 'organizations/[org]/reports', ['org']],
  [/^\/api\/v1\/organizations\/([^/]+)\/income-statement\/([^/]+)$/, 'organizations/[org]/income-statement/[format]', ['org', 'format']],
  [/^\/api\/v1\/reports\/([^/]+)$/, 'reports/[id]', ['id']],
  [/^\/api\/v1\/reports\/([^/]+)\/([^/]+)$/, 'reports/[id]/[format]', ['id', 'format']],
  [/^\/api\/v1\/report-runs$/, 'report-runs', []],
  [/^\/api\/v1\/report-runs\/([^/]+)$/, 'report-runs/[id]', ['id']],
  [/^\/api\/v1\/report-runs\/([^/]+)\/download$/, 'report-runs/[id]/download', ['id']],
  [/^\/api\/v1\/report-runs\/([^/]+)\/retry$/, 'report-runs/[id]/retry', ['id']],
  [/^\/api\/v1\/report-snapshots\/([^/]+)$/, 'report-snapshots/[id]', ['id']],
  [/^\/api\/v1\/report-snapshots\/([^/]+)\/pdf$/, 'report-snapshots/[id]/pdf', ['id']],
  [/^\/api\/v1\/report-snapshots\/([^/]+)\/changes$/, 'report-snapshots/[id]/changes', ['id']],
  [/^\/api\/v1\/report-snapshots\/([^/]+)\/changes\/pdf$/, 'report-snapshots/[id]/changes/pdf', ['id']],
  [/^\/api\/v1\/openapi\.json$/, 'openapi.json', []],
];

export interface ApiResult {
  status: number;
  type: string;
  json: Record<string, unknown>;
  response: Response;
}

export interface ApiClient {
  call(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    options?: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<ApiResult>;
  /** Signs up a user and returns a bearer token for it. */
  tokenFor(label: string): Promise<string>;
  close(): Promise<void>;
}

/** Runs the web layer on this test file's AppContext, then loads the routes. */
export async function createApiClient(ctx: TestContext): Promise<ApiClient> {
  setWebContext(ctx.app);
  const routes = await loadRouteModules();

  const call: ApiClient['call'] = async (method, url, options = {}) => {
    const headers = new Headers(options.headers);
    if (options.token) headers.set('authorization', `Bearer ${options.token}`);
    let body: string | undefined;
    if (options.rawBody !== undefined || options.body !== undefined) {
      body = options.rawBody ?? JSON.stringify(options.body);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    }
    const request = new Request(new URL(url, 'http://closebook.test'), { method, headers, body });
    const response = await dispatchRoute(routes, request);
    if (!response) throw new Error(`no ${method} route for ${url}`);
    const type = response.headers.get('content-type') ?? '';
    const json = type.includes('json') ? ((await response.clone().json()) as Record<string, unknown>) : {};
    // Every answer must be one the generated openapi.json describes.
    const pathname = new URL(request.url).pathname;
    const module = API_ROUTES.find(([pattern]) => pattern.test(pathname))?.[1] ?? '';
    if (module !== 'openapi.json')
      checkResponse(method, `/${module.replaceAll('[', '{').replaceAll(']', '}')}`, response.status, type, json);
    return { status: response.status, type, json, response };
  };

  return {
    call,
    async tokenFor(label) {
      const email = `${label}@example.test`;
      await createUser({ prisma: ctx.prisma, email, name: label, password: 'a long password' });
      const { status, json } = await call('POST', '/api/v1/tokens', { body: { email, password: 'a long password' } });
      if (status !== 201) throw new Error(`token for ${label}: ${status}`);
      return json.token as string;
    },
    // The context belongs to the test file (ctx.close() closes it).
    close() {
      setWebContext(undefined);
      return Promise.resolve();
    },
  };
}
