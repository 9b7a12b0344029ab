import { importJournalCsv } from '@/lib/http/handlers';
import { importJournalEntries } from '@/lib/http/operations/ledger';
import { route } from '@/lib/http/route';

export const runtime = 'nodejs';

/** POST a text/csv body; `?dryRun=true` previews (every problem, nothing written). */
export const POST = route(importJournalEntries, importJournalCsv);
