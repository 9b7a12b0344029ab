import { snapshotPdf } from '@/lib/http/handlers';
import { getReportSnapshotPdf } from '@/lib/http/operations/report-runs';
import { route } from '@/lib/http/route';

export const runtime = 'nodejs';

/** GET /api/v1/report-snapshots/{id}/pdf: exactly the bytes that were produced by the run. */
export const GET = route(getReportSnapshotPdf, snapshotPdf);
