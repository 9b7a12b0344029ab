// Read-side use cases. They read documents by ID and never compute a report: at peak
// load every request is one findOne (plus rendering for PDFs).
import type { Db } from 'mongodb';
import { z } from 'zod';
import { requirePermission, type Actor } from '../auth/access';
import { AppError, notFound } from '../errors';
import type { PrismaClient } from '../db/prisma';
import { scheduleReportRebuilds } from '../jobs/report-jobs';
import { PERIOD_PATTERN } from '../ledger/periods';
import { inOrganizationTransaction } from '../ledger/commands/ledger-transaction';
import { cachedPdf, cachePdf } from '../pdf/pdf-cache';
import { renderReportPdf, RENDERER_VERSION, type PaperSize } from '../pdf/report-pdf';
import { parseInput } from '../validation';
import type { ReportDocument } from './documents';
import { parseReportId, reportObjectId } from './ids';
import { findReport, findReportHeader } from './store';
import { isBuiltReportType, REPORT_TYPES } from './types';

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
}): Promise<ReportStatus> {
  const { prisma, db, actor, organizationId } = options;
  await requirePermission(prisma, actor, organizationId, 'read');
  const { type, period } = parseInput(reportLookupInput, options.query);
  if (!isBuiltReportType(type)) throw new AppError('not_found', `The ${type} report is not available yet`);

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
  await requirePermission(options.prisma, options.actor, document.organizationId, 'read');
  return document;
}

export function reportEtag(document: Pick<ReportDocument, 'id' | 'asOfSequence' | 'schemaVersion' | 'builtAt'>, variant: string): string {
  return `"${document.id}.${document.asOfSequence}.${document.schemaVersion}.${Date.parse(document.builtAt).toString(36)}.r${RENDERER_VERSION}.${variant}"`;
}

export type ReportPdf = { notModified: true; etag: string } | { notModified: false; etag: string; body: Buffer; filename: string };

/**
 * The PDF of a report. The ETag is checked against the document's header first, so an
 * unchanged report costs one small read and no rendering.
 */
export async function getReportPdf(options: {
  prisma: PrismaClient;
  db: Db;
  actor: Actor;
  id: string;
  paper: PaperSize;
  ifNoneMatch: string | null;
}): Promise<ReportPdf> {
  const _id = parseReportId(options.id);
  if (!_id) throw notFound('Report');
  const header = await findReportHeader(options.db, _id);
  if (!header) throw notFound('Report');
  await requirePermission(options.prisma, options.actor, header.organizationId, 'read');
  const etag = reportEtag(header, options.paper);
  if (options.ifNoneMatch && options.ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) {
    return { notModified: true, etag };
  }
  const filename = `${header.type}-${header.period}.pdf`;
  const cached = cachedPdf(etag);
  if (cached) return { notModified: false, etag, body: cached, filename };
  const document = await findReport(options.db, _id);
  if (!document) throw notFound('Report');
  // The document may have been replaced since the header read: name the bytes by what was rendered.
  const renderedEtag = reportEtag(document, options.paper);
  const body = await renderReportPdf(document, options.paper);
  cachePdf(renderedEtag, body);
  return { notModified: false, etag: renderedEtag, body, filename };
}
