import { importJournalCsv } from '@/lib/http/handlers';
import { uploadJournalCsv } from '@/lib/http/operations/ledger';
import { route } from '@/lib/http/route';

export const runtime = 'nodejs';

/** The browser's CSV upload (session cookie): the same handler and answers as the API's import. */
export const POST = route(uploadJournalCsv, importJournalCsv, { org: 'orgId' });
