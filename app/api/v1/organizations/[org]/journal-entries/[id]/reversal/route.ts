import { getPrisma } from '@/lib/db/prisma';
import { apiActor, handleApi } from '@/lib/http/api';
import { jsonResponse, readJson } from '@/lib/http/json';
import { reverseJournalEntry } from '@/lib/ledger/commands/reverse-journal-entry';

export const runtime = 'nodejs';

export function POST(request: Request, context: { params: Promise<{ org: string; id: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const actor = await apiActor(request);
    const { org, id } = await context.params;
    const reversal = await reverseJournalEntry({
      prisma: getPrisma(),
      actor,
      organizationId: org,
      entryId: id,
      input: await readJson(request),
      now: new Date(),
    });
    return jsonResponse(reversal, { status: 201 });
  });
}
