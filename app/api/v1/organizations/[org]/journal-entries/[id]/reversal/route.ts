import { jsonResponse } from '@/lib/http/json';
import * as operations from '@/lib/http/operations/ledger';
import { route } from '@/lib/http/route';
import { reverseJournalEntry } from '@/lib/ledger/commands/reverse-journal-entry';

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
