// The hot path for a report run's snapshot PDFs (`/api/v1/report-snapshots/{id}/pdf`, the
// browser's `/snapshots/{id}/pdf`): when a month-end pack goes out, every client downloads
// the same issued PDFs. A snapshot never changes, so what serving one needs — its
// organization, file name, checksum and bytes — is cached for good once read; who may read it
// comes from the same NOTIFY-invalidated credential and membership caches as the live
// reports' hot path (hot-auth.ts). Like that path, it answers only when it knows the answer
// is the route's (a member, the file found); anything else goes on to the route.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../../context';
import { parseReportId, reportFilename } from '../../domains/reports';
import { etagMatches } from '../../domains/reports/files';
import { findSnapshotFileInfo, readSnapshotPdf } from '../../domains/report-runs/snapshot-store';
import { contentDisposition } from '../http/report-file';
import { bearerKey, cachedRole, credentialOwner, sessionKey } from './hot-auth';

const PATH = /^\/(api\/v1\/report-snapshots|snapshots)\/([0-9a-f]{24})\/pdf$/;
/** Snapshots whose facts are kept per process (each a few hundred bytes). */
const MAX_SNAPSHOTS = 20_000;

interface SnapshotFacts {
  organizationId: string;
  filename: string;
  etag: string;
  chunks: number;
}

const perContext = new WeakMap<AppContext, Map<string, SnapshotFacts>>();

/** Serves a snapshot PDF from memory if it can; false hands the request on to the route. */
export async function serveSnapshotFromMemory(ctx: AppContext, request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  if (request.method !== 'GET' || !ctx.caches.enabled) return false;
  const match = PATH.exec(request.url ?? '');
  if (!match?.[2]) return false;
  const id = match[2];
  const actor = await credentialOwner(ctx, match[1] === 'snapshots' ? sessionKey(request) : bearerKey(request), ctx.now().getTime());
  if (!actor) return false;
  const facts = await snapshotFacts(ctx, id);
  if (!facts || (await cachedRole(ctx, actor, facts.organizationId)) === null) return false;
  const headers = { etag: facts.etag, 'cache-control': 'private, max-age=31536000, immutable' };
  if (etagMatches(request.headers['if-none-match'], facts.etag)) {
    response.writeHead(304, headers);
    response.end();
    return true;
  }
  const key = `snapshot:${id}`;
  let body = ctx.fileCache.get(key);
  if (!body) {
    const objectId = parseReportId(id);
    if (!objectId) return false;
    body = await ctx.fileCache.produce(key, async () => {
      const read = await readSnapshotPdf(ctx.db, objectId, facts.chunks);
      ctx.fileCache.set(key, read);
      return read;
    });
  }
  response.writeHead(200, {
    ...headers,
    'content-type': 'application/pdf',
    'content-length': String(body.length),
    'content-disposition': contentDisposition(facts.filename),
  });
  response.end(body);
  return true;
}

/** The snapshot's organization and file facts, read once (a snapshot never changes); null when there is no such snapshot. */
async function snapshotFacts(ctx: AppContext, id: string): Promise<SnapshotFacts | null> {
  let known = perContext.get(ctx);
  if (!known) perContext.set(ctx, (known = new Map<string, SnapshotFacts>()));
  const cached = known.get(id);
  if (cached) return cached;
  const objectId = parseReportId(id);
  if (!objectId) return null;
  const [item, info] = await Promise.all([
    ctx.prisma.reportRunItem.findUnique({ where: { snapshotId: id }, select: { organizationId: true } }),
    findSnapshotFileInfo(ctx.db, objectId),
  ]);
  // Not cached when missing: a run's item commits after its snapshot is written.
  if (!item || !info) return null;
  const facts = {
    organizationId: item.organizationId,
    filename: reportFilename(info, 'pdf'),
    etag: `"${info.pdf.sha256}"`,
    chunks: info.pdf.chunks,
  };
  if (known.size >= MAX_SNAPSHOTS) known.delete(known.keys().next().value ?? '');
  known.set(id, facts);
  return facts;
}
