import { incomeStatementRangeFile } from '@/lib/adapters/http/handlers';
import { downloadIncomeStatementRangeFile } from '@/lib/adapters/http/operations/reports';
import { route } from '@/lib/adapters/http/route';

export const runtime = 'nodejs';

/** The reports page's export of a composed range (session cookie): the same handler as the API's. */
export const GET = route(downloadIncomeStatementRangeFile, incomeStatementRangeFile, { org: 'orgId' });
