import { importJournalCsv } from '@/lib/adapters/http/handlers';
import { importJournalEntries } from '@/lib/adapters/http/operations/ledger';
import { route } from '@/lib/adapters/http/route';

export const runtime = 'nodejs';

/** POST a text/csv body; `?dryRun=true` previews (every problem, nothing written). */
export const POST = route(importJournalEntries, importJournalCsv);
