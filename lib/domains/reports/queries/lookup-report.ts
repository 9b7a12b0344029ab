// Read-side use cases. They read documents by ID and never compute a report: at peak
// load every request is one findOne (plus rendering for PDFs).
import type { Db } from 'mongodb';
import { z } from 'zod';
import { requirePermission, type Actor } from '../../auth/access';
import { notFound } from '../../../errors';
import type { PrismaClient } from '../../../adapters/db/prisma';
import { queueReportRebuild, scheduleReportRebuilds } from '../../../adapters/queue/report-jobs';
import { addMonths, PERIOD_PATTERN, periodOfInstant } from '../../accounting/periods';
import { assertPeriodInWindow, FIRST_LEDGER_PERIOD } from '../../accounting/window';
import { inOrganizationTransaction } from '../../ledger/commands/ledger-transaction';
import type { ReadCaches } from '../../../adapters/cache/read-caches';
import type { FileCache } from '../../../adapters/cache/file-cache';
import { RENDERER_VERSION, type PaperSize } from '../../../adapters/pdf/report-pdf';
import type { PdfRenderer } from '../../../adapters/pdf/render-pool';
import { parseInput } from '../../../validation';
import type { ReportDocument } from '../documents';
import { parseReportId, reportObjectId } from '../ids';
import { findReport, findReportHeader } from '../store';
import { safeFileName } from '../exports/file-names';
import { REPORT_TITLES, REPORT_TYPES } from '../types';

export const MAX_MONTHS_AHEAD = 12;

/** Reports can be opened from the ledger's first period up to 12 months ahead. */
export function reportLookupWindow(now: Date): { firstPeriod: string; lastPeriod: string } {
  return { firstPeriod: FIRST_LEDGER_PERIOD, lastPeriod: addMonths(periodOfInstant(now), MAX_MONTHS_AHEAD) };
}

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
  headerCache?: ReadCaches['reportHeaders'];
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
  headerCache?: ReadCaches['reportHeaders'];
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
  headerCache?: ReadCaches['reportHeaders'];
}): Promise<ReportStatus> {
  const { prisma, db, organizationId } = options;
  const { type, period } = parseInput(reportLookupInput, options.query);
  // Opening a report registers it, and later postings rebuild registered reports: any
  // role may look up, so the periods are bounded both ways (0001-01 is refused too).
  assertPeriodInWindow(period, reportLookupWindow(options.now ?? new Date()));

  let target = await prisma.reportTarget.findUnique({
    where: { organizationId_reportType_period: { organizationId, reportType: type, period } },
    select: { requiredSequence: true },
  });
  const registered = target !== null;
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
  // Read your writes: a client that saw "up to date" here and then downloads must get the
  // new version, even if this process has not yet received the rebuild's notification.
  const cachedHeader = options.headerCache?.get(_id.toHexString());
  if (header && cachedHeader !== undefined && (cachedHeader?.asOfSequence ?? -1) < header.asOfSequence) {
    options.headerCache?.invalidate(_id.toHexString());
  }
  const requiredSequence = Number(target.requiredSequence);
  const upToDate = header !== null && header.asOfSequence >= requiredSequence;
  // A stale report may be waiting for its organization's catch-up job (a write marks old
  // periods stale without a job each): the one being looked at goes ahead of it.
  if (registered && !upToDate) await queueReportRebuild(prisma, { organizationId, type, period });
  return {
    id: _id.toHexString(),
    organizationId,
    type,
    period,
    status: header ? 'ready' : 'pending',
    asOfSequence: header?.asOfSequence ?? null,
    builtAt: header?.builtAt ?? null,
    requiredSequence,
    upToDate,
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
  // One render however many ask at once (single-flight), bounded per process (503 beyond).
  const rendered = await options.fileCache.produce(etag, async () => {
    const document = await findReport(options.db, _id);
    if (!document) throw notFound('Report');
    // The document may have been replaced since the header read: name the bytes by what was rendered.
    const renderedEtag = reportEtag(document, variant);
    // On the render threads, whatever the format: nothing renders on the event loop.
    const body = await options.renderer.renderFile(document, options.format, options.paper);
    options.fileCache.set(renderedEtag, body);
    return { etag: renderedEtag, body };
  });
  return { notModified: false, ...rendered, filename, contentType };
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
