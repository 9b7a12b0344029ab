import { reportFile } from '@/lib/adapters/http/handlers';
import { downloadReportFile } from '@/lib/adapters/http/operations/reports';
import { route } from '@/lib/adapters/http/route';

export const runtime = 'nodejs';

/** The browser's downloads (session cookie): the same handler as /api/v1/reports/{id}/{format}. */
export const GET = route(downloadReportFile, reportFile);
