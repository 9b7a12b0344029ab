import { snapshotPdf } from '@/lib/adapters/http/handlers';
import { getReportSnapshotPdf } from '@/lib/adapters/http/operations/report-runs';
import { route } from '@/lib/adapters/http/route';

export const runtime = 'nodejs';

/** GET /api/v1/report-snapshots/{id}/pdf: exactly the bytes that were produced by the run. */
export const GET = route(getReportSnapshotPdf, snapshotPdf);
