import { incomeStatementRangeFile } from '@/lib/adapters/http/handlers';
import { getIncomeStatementRangeFile } from '@/lib/adapters/http/operations/reports';
import { route } from '@/lib/adapters/http/route';

export const runtime = 'nodejs';

/** GET /api/v1/organizations/{org}/income-statement/pdf | csv | xlsx ?from=YYYY-MM&to=YYYY-MM */
export const GET = route(getIncomeStatementRangeFile, incomeStatementRangeFile);
