import { reportRunProgress } from '@/lib/adapters/http/handlers';
import { getReportRun } from '@/lib/adapters/http/operations/report-runs';
import { route } from '@/lib/adapters/http/route';

export const runtime = 'nodejs';

/** GET /api/v1/report-runs/{id}[?organizations=false]: progress {status, total, done, failed, pending, ratePerSecond, etaSeconds, organizations[]}. */
export const GET = route(getReportRun, reportRunProgress);
