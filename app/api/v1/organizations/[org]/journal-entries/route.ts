import { getPrisma } from '@/lib/db/prisma';
import { apiActor, handleApi } from '@/lib/http/api';
import { jsonResponse, readJson } from '@/lib/http/json';
import { postJournalEntry } from '@/lib/ledger/commands/post-journal-entry';
import { formatMinor } from '@/lib/money/money';
import { listRecentEntries } from '@/lib/ledger/queries/organizations';

export const runtime = 'nodejs';

type Context = { params: Promise<{ org: string }> };

export function GET(request: Request, context: Context): Promise<Response> {
  return handleApi(request, async () => {
    const actor = await apiActor(request);
    const { org } = await context.params;
    const entries = await listRecentEntries({ prisma: getPrisma(), actor, organizationId: org, take: 100 });
    return jsonResponse({ entries: entries.map(({ totalMinor, ...entry }) => ({ ...entry, total: formatMinor(totalMinor) })) });
  });
}

export function POST(request: Request, context: Context): Promise<Response> {
  return handleApi(request, async () => {
    const actor = await apiActor(request);
    const { org } = await context.params;
    const posted = await postJournalEntry({
      prisma: getPrisma(),
      actor,
      organizationId: org,
      input: await readJson(request),
      idempotencyKey: request.headers.get('idempotency-key'),
      now: new Date(),
    });
    // A replay answers exactly as the first request did (201, same id and sequence).
    return jsonResponse(
      { id: posted.id, sequence: posted.sequence },
      { status: 201, headers: posted.replayed ? { 'idempotent-replayed': 'true' } : {} },
    );
  });
}
