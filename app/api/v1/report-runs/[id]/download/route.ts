import { reportRunZip } from '@/lib/http/handlers';
import { downloadReportRun } from '@/lib/http/operations/report-runs';
import { route } from '@/lib/http/route';

export const runtime = 'nodejs';

/** GET /api/v1/report-runs/{id}/download: the run's ZIP (folder per organization + index.csv), streamed. */
export const GET = route(downloadReportRun, reportRunZip);
