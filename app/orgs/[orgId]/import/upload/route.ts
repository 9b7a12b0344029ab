import { handleApi } from '@/lib/http/api';
import { jsonResponse, readText } from '@/lib/http/json';
import { importJournalEntries } from '@/lib/ledger/commands/import-journal-entries';
import { sessionActor401 } from '@/lib/web/session';
import { webContext } from '@/lib/web/context';

export const runtime = 'nodejs';

/** The browser's CSV upload (session cookie): the same command as the API's import. */
export function POST(request: Request, context: { params: Promise<{ orgId: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const ctx = webContext();
    const user = await sessionActor401(ctx);
    const { orgId } = await context.params;
    const dryRun = new URL(request.url).searchParams.get('dryRun') === 'true';
    const result = await importJournalEntries({
      prisma: ctx.prisma,
      actor: user,
      organizationId: orgId,
      csv: await readText(request, 10_000_000),
      dryRun,
      now: ctx.now(),
    });
    return jsonResponse(result);
  });
}
