import { reportRunZip } from '@/lib/adapters/http/handlers';
import { downloadReportRun } from '@/lib/adapters/http/operations/report-runs';
import { route } from '@/lib/adapters/http/route';

export const runtime = 'nodejs';

/** GET /api/v1/report-runs/{id}/download: the run's ZIP (folder per organization + index.csv), streamed. */
export const GET = route(downloadReportRun, reportRunZip);
