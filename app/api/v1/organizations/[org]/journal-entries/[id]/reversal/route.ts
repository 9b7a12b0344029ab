import { jsonResponse } from '@/lib/adapters/http/json';
import * as operations from '@/lib/adapters/http/operations/ledger';
import { route } from '@/lib/adapters/http/route';
import { reverseJournalEntry } from '@/lib/domains/ledger/commands/reverse-journal-entry';

export const runtime = 'nodejs';

export const POST = route(operations.reverseJournalEntry, async ({ ctx, actor, params, body }) => {
  const reversal = await reverseJournalEntry({
    prisma: ctx.prisma,
    actor,
    organizationId: params.org,
    entryId: params.id,
    input: body,
    now: ctx.now(),
  });
  return jsonResponse(reversal, { status: 201 });
});
