import { reportFile } from '@/lib/http/handlers';
import { downloadReportFile } from '@/lib/http/operations/reports';
import { route } from '@/lib/http/route';

export const runtime = 'nodejs';

/** The browser's downloads (session cookie): the same handler as /api/v1/reports/{id}/{format}. */
export const GET = route(downloadReportFile, reportFile);
