import { reportRunProgress } from '@/lib/adapters/http/handlers';
import * as operations from '@/lib/adapters/http/operations/report-runs';
import { route } from '@/lib/adapters/http/route';

export const runtime = 'nodejs';

/** The run page's live progress (session cookie): the same figures as GET /api/v1/report-runs/{id}. */
export const GET = route(operations.reportRunProgress, reportRunProgress, { id: 'runId' });
