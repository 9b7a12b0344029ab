import { snapshotChangesPdf } from '@/lib/adapters/http/handlers';
import { getReportSnapshotChangesPdf } from '@/lib/adapters/http/operations/report-runs';
import { route } from '@/lib/adapters/http/route';

export const runtime = 'nodejs';

/** GET /api/v1/report-snapshots/{id}/changes/pdf: "Changes since issued" to send to the client. */
export const GET = route(getReportSnapshotChangesPdf, snapshotChangesPdf);
