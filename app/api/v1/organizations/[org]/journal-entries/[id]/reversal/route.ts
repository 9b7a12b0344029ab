import { apiActor, handleApi } from '@/lib/http/api';
import { jsonResponse, readJson } from '@/lib/http/json';
import { reverseJournalEntry } from '@/lib/ledger/commands/reverse-journal-entry';
import { webContext } from '@/lib/web/context';

export const runtime = 'nodejs';

export function POST(request: Request, context: { params: Promise<{ org: string; id: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const ctx = webContext();
    const actor = await apiActor(ctx, request);
    const { org, id } = await context.params;
    const reversal = await reverseJournalEntry({
      prisma: ctx.prisma,
      actor,
      organizationId: org,
      entryId: id,
      input: await readJson(request),
      now: ctx.now(),
    });
    return jsonResponse(reversal, { status: 201 });
  });
}
