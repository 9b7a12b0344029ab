import { reportFile } from '@/lib/http/handlers';
import { getReportFile } from '@/lib/http/operations/reports';
import { route } from '@/lib/http/route';

export const runtime = 'nodejs';

/** GET /api/v1/reports/{id}/pdf | csv | xlsx */
export const GET = route(getReportFile, reportFile);
