// A stand-in for the web process, for tests/integration/crash.int.test.ts: a node:http
// server that answers POST /api/v1/organizations/{org}/journal-entries with the real route
// handler module (app/api/v1/organizations/[org]/journal-entries/route.ts) on an AppContext
// built from the environment, as web/main.ts does. So the real posting code runs in a
// process the test can SIGKILL in the middle of a request.
//
// Why a stand-in and not web/main.ts: the real web process serves a production Next.js
// build (.next), and `next build` does not work from a git worktree whose node_modules is
// a symlink outside the project root (Turbopack refuses it), which is how CI and the
// integration tests run. What the crash test needs from the web tier is the posting path
// (auth → parse → postJournalEntry → 201 / replay) and a process to kill; the framework's
// router in front of it holds no state and adds nothing to crash consistency.
//
// Run: node --import tsx tests/helpers/crash-web.ts, with DATABASE_URL, MONGODB_URI and
// MONGODB_DB. Prints "listening <port>" once it accepts connections (PORT, default 0).
import http from 'node:http';
import { POST } from '../../app/api/v1/organizations/[org]/journal-entries/route';
import { appContextOptionsFromEnv, createAppContext } from '../../lib/context';
import { setWebContext } from '../../lib/adapters/web/context';
import { sendFetchResponse, toFetchRequest } from './route-dispatch';

const PATH = /^\/api\/v1\/organizations\/([^/]+)\/journal-entries$/;

setWebContext(createAppContext(appContextOptionsFromEnv()));

async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const match = PATH.exec(url.pathname);
  if (!match || request.method !== 'POST') {
    response.writeHead(404).end();
    return;
  }
  const answer = await POST(await toFetchRequest(request), { params: Promise.resolve({ org: decodeURIComponent(match[1] ?? '') }) });
  await sendFetchResponse(response, answer);
}

const server = http.createServer((request, response) => {
  handle(request, response).catch((error: unknown) => {
    console.error('[crash-web] unexpected error', error);
    if (!response.headersSent) response.writeHead(500);
    response.end();
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);
});
