import { reportRunProgress } from '@/lib/http/handlers';
import * as operations from '@/lib/http/operations/report-runs';
import { route } from '@/lib/http/route';

export const runtime = 'nodejs';

/** The run page's live progress (session cookie): the same figures as GET /api/v1/report-runs/{id}. */
export const GET = route(operations.reportRunProgress, reportRunProgress, { id: 'runId' });
