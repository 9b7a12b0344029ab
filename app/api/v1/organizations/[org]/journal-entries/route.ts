import { apiActor, handleApi } from '@/lib/http/api';
import { jsonResponse, readJson } from '@/lib/http/json';
import { postJournalEntry } from '@/lib/ledger/commands/post-journal-entry';
import { formatMinor } from '@/lib/money/money';
import { listEntries } from '@/lib/ledger/queries/list-entries';
import { webContext } from '@/lib/web/context';

export const runtime = 'nodejs';

type Context = { params: Promise<{ org: string }> };

export function GET(request: Request, context: Context): Promise<Response> {
  return handleApi(request, async () => {
    const ctx = webContext();
    const actor = await apiActor(ctx, request);
    const { org } = await context.params;
    const filter = Object.fromEntries(new URL(request.url).searchParams);
    const { entries, total, pages, filter: applied } = await listEntries({ prisma: ctx.prisma, actor, organizationId: org, filter });
    return jsonResponse({
      entries: entries.map(({ totalMinor, ...entry }) => ({ ...entry, total: formatMinor(totalMinor) })),
      total,
      page: applied.page,
      pages,
    });
  });
}

export function POST(request: Request, context: Context): Promise<Response> {
  return handleApi(request, async () => {
    const ctx = webContext();
    const actor = await apiActor(ctx, request);
    const { org } = await context.params;
    const posted = await postJournalEntry({
      prisma: ctx.prisma,
      actor,
      organizationId: org,
      input: await readJson(request),
      idempotencyKey: request.headers.get('idempotency-key'),
      now: ctx.now(),
    });
    // A replay answers exactly as the first request did (201, same id and sequence).
    return jsonResponse(
      { id: posted.id, sequence: posted.sequence },
      { status: 201, headers: posted.replayed ? { 'idempotent-replayed': 'true' } : {} },
    );
  });
}
