// Read-side use cases. They read documents by ID and never compute a report: at peak
// load every request is one findOne (plus rendering for PDFs).
import type { Db } from 'mongodb';
import { z } from 'zod';
import { requirePermission, type Actor } from '../auth/access';
import { AppError, notFound } from '../errors';
import type { PrismaClient } from '../db/prisma';
import { scheduleReportRebuilds } from '../jobs/report-jobs';
import { addMonths, comparePeriods, PERIOD_PATTERN, periodOfInstant } from '../ledger/periods';
import { inOrganizationTransaction } from '../ledger/commands/ledger-transaction';
import type { FileCache } from './file-cache';
import { RENDERER_VERSION, type PaperSize } from '../pdf/report-pdf';
import type { PdfRenderer } from '../pdf/render-pool';
import { parseInput } from '../validation';
import type { ReportDocument } from './documents';
import { parseReportId, reportObjectId } from './ids';
import { findReport, findReportHeader } from './store';
import { reportCsv } from './exports/csv';
import { reportXlsx } from './exports/xlsx';
import { safeFileName } from './exports/file-names';
import { REPORT_TITLES, REPORT_TYPES } from './types';

export const MAX_MONTHS_AHEAD = 12;

export const reportLookupInput = z.object({
  type: z.enum(REPORT_TYPES),
  period: z.string().regex(PERIOD_PATTERN, 'Use YYYY-MM'),
});

export interface ReportStatus {
  id: string;
  organizationId: string;
  type: string;
  period: string;
  /** "ready": a document exists; "pending": its first build is queued. */
  status: 'ready' | 'pending';
  asOfSequence: number | null;
  builtAt: string | null;
  /** The ledger sequence the document must include to reflect every write so far. */
  requiredSequence: number;
  upToDate: boolean;
}

/**
 * GET /organizations/{org}/reports?type&period. A report that was never requested before
 * (say, a period long before the first entry) is registered and queued here, then
 * served from its document like any other: the read side still computes nothing.
 */
export async function lookupReport(options: {
  prisma: PrismaClient;
  db: Db;
  actor: Actor;
  organizationId: string;
  query: unknown;
  now?: Date;
}): Promise<ReportStatus> {
  await requirePermission(options.prisma, options.actor, options.organizationId, 'read');
  return lookupReportAsMember(options);
}

/** The four reports of a period (reports page, its freshness polling): one membership check. */
export async function lookupPeriodReports(options: {
  prisma: PrismaClient;
  db: Db;
  actor: Actor;
  organizationId: string;
  period: string;
}): Promise<ReportStatus[]> {
  await requirePermission(options.prisma, options.actor, options.organizationId, 'read');
  return Promise.all(REPORT_TYPES.map((type) => lookupReportAsMember({ ...options, query: { type, period: options.period } })));
}

/** lookupReport after the membership check. */
async function lookupReportAsMember(options: {
  prisma: PrismaClient;
  db: Db;
  organizationId: string;
  query: unknown;
  now?: Date;
}): Promise<ReportStatus> {
  const { prisma, db, organizationId } = options;
  const { type, period } = parseInput(reportLookupInput, options.query);
  // Every later posting rebuilds registered reports up to the furthest one, so how far
  // ahead a report may be opened is bounded.
  const furthest = addMonths(periodOfInstant(options.now ?? new Date()), MAX_MONTHS_AHEAD);
  if (comparePeriods(period, furthest) > 0) {
    throw new AppError('validation_failed', `Reports can be opened up to ${MAX_MONTHS_AHEAD} months ahead (${furthest})`, [
      { field: 'period', message: `At most ${furthest}` },
    ]);
  }

  let target = await prisma.reportTarget.findUnique({
    where: { organizationId_reportType_period: { organizationId, reportType: type, period } },
    select: { requiredSequence: true },
  });
  if (!target) {
    target = await inOrganizationTransaction(prisma, organizationId, async (tx) => {
      const last = await tx.ledgerEvent.aggregate({ where: { organizationId }, _max: { sequence: true } });
      const sequence = last._max.sequence ?? 0n;
      await scheduleReportRebuilds(tx, { organizationId, periods: [period], sequence, types: [type] });
      return { requiredSequence: sequence };
    });
  }
  const _id = reportObjectId(organizationId, type, period);
  const header = await findReportHeader(db, _id);
  const requiredSequence = Number(target.requiredSequence);
  return {
    id: _id.toHexString(),
    organizationId,
    type,
    period,
    status: header ? 'ready' : 'pending',
    asOfSequence: header?.asOfSequence ?? null,
    builtAt: header?.builtAt ?? null,
    requiredSequence,
    upToDate: header !== null && header.asOfSequence >= requiredSequence,
  };
}

/** The document by ID, if it exists and the actor is a member of its organization. */
export async function getReport(options: { prisma: PrismaClient; db: Db; actor: Actor; id: string }): Promise<ReportDocument> {
  const _id = parseReportId(options.id);
  if (!_id) throw notFound('Report');
  const document = await findReport(options.db, _id);
  if (!document) throw notFound('Report');
  // Not a member → the same 404 as a missing report: IDs of other tenants reveal nothing.
  await requirePermission(options.prisma, options.actor, document.organizationId, 'read', 'Report');
  return document;
}

export function reportEtag(document: Pick<ReportDocument, 'id' | 'asOfSequence' | 'schemaVersion' | 'builtAt'>, variant: string): string {
  return `"${document.id}.${document.asOfSequence}.${document.schemaVersion}.${Date.parse(document.builtAt).toString(36)}.r${RENDERER_VERSION}.${variant}"`;
}

export const REPORT_FORMATS = {
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type ReportFormat = keyof typeof REPORT_FORMATS;

export function isReportFormat(value: string): value is ReportFormat {
  return Object.hasOwn(REPORT_FORMATS, value);
}

export type ReportFile =
  { notModified: true; etag: string } | { notModified: false; etag: string; body: Buffer; filename: string; contentType: string };

/** "Acme Ltd 2026-10 Balance sheet.pdf": what an accountant expects to find in Downloads. */
export function reportFilename(document: Pick<ReportDocument, 'organizationName' | 'period' | 'type'>, format: ReportFormat): string {
  return `${safeFileName(document.organizationName)} ${document.period} ${REPORT_TITLES[document.type]}.${format}`;
}

function render(renderer: PdfRenderer, document: ReportDocument, format: ReportFormat, paper: PaperSize): Promise<Buffer> | Buffer {
  switch (format) {
    case 'pdf':
      // Off the event loop: a 300-page general ledger must not stall other requests.
      return renderer.render(document, paper).then((rendered) => rendered.bytes);
    case 'csv':
      return Buffer.from(reportCsv(document), 'utf8');
    case 'xlsx':
      return reportXlsx(document);
  }
}

/**
 * A report as a file (PDF, CSV or XLSX). The ETag is checked against the document's
 * header first, so an unchanged report costs one small read and no rendering; rendered
 * files are kept in a bounded cache keyed by their ETag.
 */
export async function getReportFile(options: {
  prisma: PrismaClient;
  db: Db;
  actor: Actor;
  id: string;
  format: ReportFormat;
  paper: PaperSize;
  ifNoneMatch: string | null;
  renderer: PdfRenderer;
  fileCache: FileCache;
}): Promise<ReportFile> {
  const _id = parseReportId(options.id);
  if (!_id) throw notFound('Report');
  const header = await findReportHeader(options.db, _id);
  if (!header) throw notFound('Report');
  await requirePermission(options.prisma, options.actor, header.organizationId, 'read', 'Report');
  const variant = options.format === 'pdf' ? `pdf-${options.paper}` : options.format;
  const etag = reportEtag(header, variant);
  if (options.ifNoneMatch && options.ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) {
    return { notModified: true, etag };
  }
  const contentType = REPORT_FORMATS[options.format];
  const filename = reportFilename(header, options.format);
  const cached = options.fileCache.get(etag);
  if (cached) return { notModified: false, etag, body: cached, filename, contentType };
  const document = await findReport(options.db, _id);
  if (!document) throw notFound('Report');
  // The document may have been replaced since the header read: name the bytes by what was rendered.
  const renderedEtag = reportEtag(document, variant);
  const body = await render(options.renderer, document, options.format, options.paper);
  options.fileCache.set(renderedEtag, body);
  return { notModified: false, etag: renderedEtag, body, filename, contentType };
}

/** Period revenue, expenses and net income from the income-statement documents (dashboard chart). */
export async function monthlyResults(options: { prisma: PrismaClient; db: Db; actor: Actor; organizationId: string; periods: string[] }) {
  await requirePermission(options.prisma, options.actor, options.organizationId, 'read');
  const results = [];
  for (const period of options.periods) {
    const document = await findReport(options.db, reportObjectId(options.organizationId, 'income-statement', period));
    if (document?.type !== 'income-statement') continue;
    results.push({ period, revenue: document.revenue.total, expenses: document.expenses.total, netIncome: document.netIncome });
  }
  return results;
}
