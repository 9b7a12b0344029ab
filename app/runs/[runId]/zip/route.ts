import { reportRunZip } from '@/lib/adapters/http/handlers';
import * as operations from '@/lib/adapters/http/operations/report-runs';
import { route } from '@/lib/adapters/http/route';

export const runtime = 'nodejs';

/** The browser's ZIP download (session cookie): the same stream as /api/v1/report-runs/{id}/download. */
export const GET = route(operations.reportRunZip, reportRunZip, { id: 'runId' });
