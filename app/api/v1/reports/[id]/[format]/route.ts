import { reportFile } from '@/lib/adapters/http/handlers';
import { getReportFile } from '@/lib/adapters/http/operations/reports';
import { route } from '@/lib/adapters/http/route';

export const runtime = 'nodejs';

/** GET /api/v1/reports/{id}/pdf | csv | xlsx */
export const GET = route(getReportFile, reportFile);
