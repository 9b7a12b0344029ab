// Contracts of the read side: report lookup, documents and files.
import { z } from 'zod';
import { incomeStatementRangeInput } from '../../../domains/reports/queries/get-income-statement-range-file';
import { reportLookupInput } from '../../../domains/reports/queries/lookup-report';
import { REPORT_FORMATS } from '../../../domains/reports/files';
import { browserTwin, defineOperation } from '../operation';
import { dateTime, idParam, orgParams, reportDocument, reportTypeSchema, uuid } from './schemas';

const reportStatusFields = {
  id: z.string(),
  organizationId: uuid,
  type: reportTypeSchema,
  period: z.string(),
  status: z.enum(['ready', 'pending']).meta({ description: '"pending": the first build is queued' }),
  asOfSequence: z.number().int().nullable(),
  builtAt: dateTime.nullable(),
  requiredSequence: z.number().int(),
  upToDate: z.boolean(),
};

export const lookupReport = defineOperation({
  method: 'GET',
  path: '/api/v1/organizations/{org}/reports',
  summary: 'Find a report by type and period; a report never asked for is queued and answers status "pending"',
  auth: 'bearer',
  params: orgParams,
  useCaseQuery: reportLookupInput.extend({
    period: reportLookupInput.shape.period.meta({ description: 'YYYY-MM, at most 12 months ahead' }),
  }),
  responses: {
    200: {
      description: 'The report and its freshness',
      json: z.object({ ...reportStatusFields, links: z.object({ self: z.string(), pdf: z.string() }) }),
    },
  },
  errors: ['not_found'],
  public: true,
});

/** The four reports of a period, for the reports page's freshness badges (session cookie). */
export const periodReportStatus = defineOperation({
  method: 'GET',
  path: '/orgs/{org}/reports/status',
  summary: 'Freshness of the four reports of a period',
  auth: 'session',
  params: orgParams,
  query: z.object({
    period: z
      .string()
      .optional()
      .transform((value) => value ?? ''),
  }),
  responses: { 200: { description: 'The four reports', json: z.object({ reports: z.array(z.object(reportStatusFields)) }) } },
  errors: ['not_found', 'validation_failed'],
  public: false,
});

export const getReport = defineOperation({
  method: 'GET',
  path: '/api/v1/reports/{id}',
  summary: 'The report document',
  auth: 'bearer',
  params: z.object({ id: idParam('Report ID') }),
  responses: { 200: { description: 'The report document', json: reportDocument } },
  errors: ['not_found'],
  public: true,
});

const formats = Object.keys(REPORT_FORMATS) as [keyof typeof REPORT_FORMATS, ...(keyof typeof REPORT_FORMATS)[]];

export const getReportFile = defineOperation({
  method: 'GET',
  path: '/api/v1/reports/{id}/{format}',
  summary: 'The report as a file: PDF (A4 or US Letter), CSV (decimal strings) or XLSX (numbers with a 2-decimal format)',
  auth: 'bearer',
  params: z.object({ id: idParam('Report ID'), format: z.enum(formats, { error: 'Report format not found' }) }),
  query: z.object({
    paper: z
      .string()
      .optional()
      .transform((value) => (value === undefined ? undefined : value.toLowerCase() === 'letter' ? ('LETTER' as const) : ('A4' as const)))
      .meta({ enum: ['a4', 'letter'], description: "PDF paper size (default: the organization's setting, A4 unless changed)" }),
  }),
  headers: { 'If-None-Match': { description: 'An ETag from an earlier download: 304 if unchanged' } },
  responses: {
    200: {
      description: 'The file, with ETag and Content-Disposition',
      file: Object.values(REPORT_FORMATS).join(', '),
      headers: { ETag: 'Names the document version, format and paper', 'Content-Disposition': 'attachment; the report name' },
    },
    304: { description: 'Not modified' },
  },
  errors: ['not_found', 'service_unavailable'],
  public: true,
});

export const getIncomeStatementRangeFile = defineOperation({
  method: 'GET',
  path: '/api/v1/organizations/{org}/income-statement/{format}',
  summary: 'An income statement over several months (a quarter, the fiscal year to date, a custom range of up to 12) as a file',
  description:
    'Composed from the stored monthly income statements, with their year to date and comparatives. ' +
    '503 with Retry-After while a month of the range is first being built.',
  auth: 'bearer',
  params: z.object({ org: orgParams.shape.org, format: z.enum(formats, { error: 'Report format not found' }) }),
  useCaseQuery: incomeStatementRangeInput,
  headers: getReportFile.headers,
  responses: getReportFile.responses,
  errors: ['not_found', 'service_unavailable'],
  public: true,
});

/** The reports page's Export menu of a composed range (session cookie). */
export const downloadIncomeStatementRangeFile = browserTwin(getIncomeStatementRangeFile, {
  path: '/orgs/{org}/reports/income-statement/{format}',
  unauthorizedMessage: 'Sign in to download reports',
});

/** The browser's downloads (session cookie). */
export const downloadReportFile = browserTwin(getReportFile, {
  path: '/reports/{id}/{format}',
  unauthorizedMessage: 'Sign in to download reports',
});
