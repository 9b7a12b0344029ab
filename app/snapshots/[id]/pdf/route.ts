import { snapshotPdf } from '@/lib/adapters/http/handlers';
import * as operations from '@/lib/adapters/http/operations/report-runs';
import { route } from '@/lib/adapters/http/route';

export const runtime = 'nodejs';

/** One snapshot's PDF (session cookie), exactly as the run produced it. */
export const GET = route(operations.snapshotPdf, snapshotPdf);
