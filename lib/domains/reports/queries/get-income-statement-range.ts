import type { Db } from 'mongodb';
import type { Actor } from '../../auth/access';
import type { PrismaClient } from '../../../adapters/db/prisma';
import type { ReadCaches } from '../../../adapters/cache/read-caches';
import { AppError } from '../../../errors';
import type { IncomeStatementDocument } from '../documents';
import { composeIncomeStatement, MAX_RANGE_MONTHS, rangeMonths } from '../income-statement-range';
import { parseReportId } from '../ids';
import { findReport } from '../store';
import { lookupReportMonths, type ReportStatus } from './lookup-report';

/**
 * The income statement for `from`–`to` (months, both included), composed from the stored
 * monthly documents. `document` is null until every month has been built; `upToDate` is
 * false while any month is being rebuilt (the page shows "updating…" and polls).
 */
export async function getIncomeStatementRange(options: {
  prisma: PrismaClient;
  db: Db;
  actor: Actor;
  organizationId: string;
  from: string;
  to: string;
  now?: Date;
  headerCache?: ReadCaches['reportHeaders'];
}): Promise<{ months: ReportStatus[]; document: IncomeStatementDocument | null; upToDate: boolean }> {
  const periods = rangeMonths(options);
  if (periods.length === 0 || periods.length > MAX_RANGE_MONTHS) {
    throw new AppError('validation_failed', `A range is 1 to ${MAX_RANGE_MONTHS} months, oldest first`);
  }
  const months = await lookupReportMonths({ ...options, type: 'income-statement', periods });
  const upToDate = months.every((month) => month.upToDate);
  if (months.some((month) => month.status !== 'ready')) return { months, document: null, upToDate };
  const documents = await Promise.all(
    months.map(async (month) => {
      const id = parseReportId(month.id);
      return id ? findReport(options.db, id) : null;
    }),
  );
  const statements = documents.filter((document): document is IncomeStatementDocument => document?.type === 'income-statement');
  if (statements.length !== months.length) return { months, document: null, upToDate: false };
  return { months, document: composeIncomeStatement(statements), upToDate };
}
