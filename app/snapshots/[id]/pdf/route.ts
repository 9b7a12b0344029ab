import { snapshotPdf } from '@/lib/http/handlers';
import * as operations from '@/lib/http/operations/report-runs';
import { route } from '@/lib/http/route';

export const runtime = 'nodejs';

/** One snapshot's PDF (session cookie), exactly as the run produced it. */
export const GET = route(operations.snapshotPdf, snapshotPdf);
