import { importJournalCsv } from '@/lib/adapters/http/handlers';
import { uploadJournalCsv } from '@/lib/adapters/http/operations/ledger';
import { route } from '@/lib/adapters/http/route';

export const runtime = 'nodejs';

/** The browser's CSV upload (session cookie): the same handler and answers as the API's import. */
export const POST = route(uploadJournalCsv, importJournalCsv, { org: 'orgId' });
