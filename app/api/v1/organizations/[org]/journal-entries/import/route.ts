import { AppError } from '@/lib/errors';
import { apiActor, handleApi } from '@/lib/http/api';
import { jsonResponse, readText } from '@/lib/http/json';
import { importJournalEntries } from '@/lib/ledger/commands/import-journal-entries';
import { webContext } from '@/lib/web/context';

export const runtime = 'nodejs';

const MAX_CSV_BYTES = 10_000_000;

/** POST a text/csv body; `?dryRun=true` previews (every problem, nothing written). */
export function POST(request: Request, context: { params: Promise<{ org: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const ctx = webContext();
    const actor = await apiActor(ctx, request);
    const { org } = await context.params;
    if (!/^text\/(csv|plain)\b/i.test(request.headers.get('content-type') ?? ''))
      throw new AppError('unsupported_media_type', 'Send the file as text/csv');
    const dryRun = new URL(request.url).searchParams.get('dryRun') === 'true';
    const result = await importJournalEntries({
      prisma: ctx.prisma,
      actor,
      organizationId: org,
      csv: await readText(request, MAX_CSV_BYTES),
      dryRun,
      now: ctx.now(),
    });
    return jsonResponse(result, { status: result.imported ? 201 : result.problems.length > 0 ? 422 : 200 });
  });
}
