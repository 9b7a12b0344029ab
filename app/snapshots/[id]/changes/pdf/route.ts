import { snapshotChangesPdf } from '@/lib/adapters/http/handlers';
import * as operations from '@/lib/adapters/http/operations/report-runs';
import { route } from '@/lib/adapters/http/route';

export const runtime = 'nodejs';

/** "Changes since issued" as a PDF (session cookie). */
export const GET = route(operations.snapshotChangesPdf, snapshotChangesPdf);
