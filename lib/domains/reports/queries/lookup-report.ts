// Looking up a report of an organization by type and period (a query that may register the
// report and queue its first build). Read-side use cases read documents by ID and never
// compute a report: at peak load every request is one findOne (plus rendering for files).
import type { Db } from 'mongodb';
import { z } from 'zod';
import { requirePermission, type Actor } from '../../auth/access';
import type { PrismaClient } from '../../../adapters/db/prisma';
import { queueReportRebuild, scheduleReportRebuilds } from '../../../adapters/queue/report-jobs';
import { addMonths, PERIOD_PATTERN, periodOfInstant } from '../../accounting/periods';
import { assertPeriodInWindow, FIRST_LEDGER_PERIOD } from '../../accounting/window';
import { inOrganizationTransaction } from '../../../adapters/db/organization-lock';
import type { ReadCaches } from '../../../adapters/cache/read-caches';
import { parseInput } from '../../../validation';
import { lastSequence } from '../../../adapters/db/last-sequence';
import { reportObjectId } from '../ids';
import { findReportHeader } from '../store';
import { REPORT_TYPES } from '../types';

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

/** One report type over several periods (the months of an income statement range): one membership check. */
export async function lookupReportMonths(options: {
  prisma: PrismaClient;
  db: Db;
  actor: Actor;
  organizationId: string;
  type: (typeof REPORT_TYPES)[number];
  periods: string[];
  now?: Date;
  headerCache?: ReadCaches['reportHeaders'];
}): Promise<ReportStatus[]> {
  await requirePermission(options.prisma, options.actor, options.organizationId, 'read');
  const statuses: ReportStatus[] = [];
  // One after the other: a month never opened before registers in its own transaction.
  for (const period of options.periods) statuses.push(await lookupReportAsMember({ ...options, query: { type: options.type, period } }));
  return statuses;
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
      const sequence = await lastSequence(tx, organizationId);
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
