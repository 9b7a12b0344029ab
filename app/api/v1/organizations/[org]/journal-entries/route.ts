import { jsonResponse } from '@/lib/adapters/http/json';
import * as operations from '@/lib/adapters/http/operations/ledger';
import { route } from '@/lib/adapters/http/route';
import { postJournalEntry } from '@/lib/domains/ledger/commands/post-journal-entry';
import { listEntries } from '@/lib/domains/ledger/queries/list-entries';
import { formatMinor } from '@/lib/domains/money/money';

export const runtime = 'nodejs';

export const GET = route(operations.listJournalEntries, async ({ ctx, actor, params, query }) => {
  const { entries, total, pages, filter } = await listEntries({ prisma: ctx.prisma, actor, organizationId: params.org, filter: query });
  return jsonResponse({
    entries: entries.map(({ totalMinor, ...entry }) => ({ ...entry, total: formatMinor(totalMinor) })),
    total,
    page: filter.page,
    pages,
  });
});

export const POST = route(operations.postJournalEntry, async ({ ctx, actor, params, body, request, requestId }) => {
  const posted = await postJournalEntry({
    prisma: ctx.prisma,
    submit: ctx.postings.submit,
    actor,
    organizationId: params.org,
    input: body,
    idempotencyKey: request.headers.get('idempotency-key'),
    now: ctx.now(),
    requestId,
  });
  // A replay answers exactly as the first request did (201, same id and sequence).
  return jsonResponse(
    { id: posted.id, sequence: posted.sequence },
    { status: 201, headers: posted.replayed ? { 'idempotent-replayed': 'true' } : {} },
  );
});
