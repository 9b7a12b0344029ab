import { createHash } from 'node:crypto';
import type { Db } from 'mongodb';
import { requirePermission, type Actor } from '../../auth/access';
import type { PrismaClient } from '../../../adapters/db/prisma';
import type { FileCache } from '../../../adapters/cache/file-cache';
import { RENDERER_VERSION, type PaperSize } from '../../../adapters/pdf/report-pdf';
import type { PdfRenderer } from '../../../adapters/pdf/render-pool';
import { AppError } from '../../../errors';
import { parseInput } from '../../../validation';
import { z } from 'zod';
import { PERIOD_PATTERN } from '../../accounting/periods';
import { etagMatches, fileVariant, REPORT_FORMATS, reportFilename, type ReportFormat } from '../files';
import { loadReportPresentation } from '../presentation';
import type { ReportFile } from './get-report-file';
import { getIncomeStatementRange } from './get-income-statement-range';

/** How soon to ask again while a month of the range is still being built for the first time. */
const BUILDING_RETRY_AFTER_SECONDS = 2;

export const incomeStatementRangeInput = z.object({
  from: z.string().regex(PERIOD_PATTERN, 'A month as YYYY-MM').meta({ description: 'First month, YYYY-MM' }),
  to: z
    .string()
    .regex(PERIOD_PATTERN, 'A month as YYYY-MM')
    .meta({ description: 'Last month, YYYY-MM (at most 12 months from the first)' }),
  /** As a stored report's download: "letter" or A4, else the organization's setting. */
  paper: z
    .string()
    .optional()
    .transform((value): PaperSize | undefined => (value === undefined ? undefined : value.toLowerCase() === 'letter' ? 'LETTER' : 'A4'))
    .meta({ enum: ['a4', 'letter'], description: "PDF paper size (default: the organization's setting)" }),
});

/**
 * An income statement over several months (a quarter, the fiscal year to date, a custom
 * range) as a PDF, CSV or XLSX: the same composition the reports page shows
 * (getIncomeStatementRange), rendered like any stored report on the render threads. There
 * is no stored document, so the ETag names every month it was composed from (their IDs,
 * sequences and build times): any month rebuilt makes a new file.
 */
export async function getIncomeStatementRangeFile(options: {
  prisma: PrismaClient;
  db: Db;
  actor: Actor;
  organizationId: string;
  query: unknown;
  format: ReportFormat;
  ifNoneMatch: string | null;
  renderer: PdfRenderer;
  fileCache: FileCache;
  now: Date;
}): Promise<ReportFile> {
  const { organizationId } = options;
  // Tenancy first: a non-member learns nothing, not even that the query was malformed.
  await requirePermission(options.prisma, options.actor, organizationId, 'read');
  const { from, to, paper } = parseInput(incomeStatementRangeInput, options.query);
  const { months, document } = await getIncomeStatementRange({ ...options, from, to });
  if (!document) {
    throw new AppError('service_unavailable', 'The monthly income statements of this range are being built; try again in a moment', [], {
      retryAfterSeconds: BUILDING_RETRY_AFTER_SECONDS,
    });
  }
  const settings = await loadReportPresentation(options.prisma, organizationId);
  const presentation = { ...settings, paper: paper ?? settings.paper };
  const composedOf = createHash('sha256')
    .update(months.map((month) => `${month.id}.${month.asOfSequence ?? ''}.${month.builtAt ?? ''}`).join(','))
    .digest('hex')
    .slice(0, 24);
  const etag = `"range.${composedOf}.r${RENDERER_VERSION}.${fileVariant(options.format, presentation)}"`;
  if (etagMatches(options.ifNoneMatch, etag)) {
    return { notModified: true, etag };
  }
  const filename = reportFilename({ ...document, period: `${periodOf(document.periodStart)} to ${document.period}` }, options.format);
  const contentType = REPORT_FORMATS[options.format];
  const body =
    options.fileCache.get(etag) ??
    (await options.fileCache.produce(etag, async () => {
      const rendered = await options.renderer.renderFile(document, options.format, presentation);
      options.fileCache.set(etag, rendered);
      return rendered;
    }));
  return { notModified: false, etag, body, filename, contentType };
}

const periodOf = (date: string) => date.slice(0, 7);
