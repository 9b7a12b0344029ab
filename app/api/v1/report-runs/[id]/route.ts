import { reportRunProgress } from '@/lib/http/handlers';
import { getReportRun } from '@/lib/http/operations/report-runs';
import { route } from '@/lib/http/route';

export const runtime = 'nodejs';

/** GET /api/v1/report-runs/{id}[?organizations=false]: progress {status, total, done, failed, pending, ratePerSecond, etaSeconds, organizations[]}. */
export const GET = route(getReportRun, reportRunProgress);
