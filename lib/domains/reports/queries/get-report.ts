import type { Db } from 'mongodb';
import { requirePermission, type Actor } from '../../auth/access';
import { notFound } from '../../../errors';
import type { PrismaClient } from '../../../adapters/db/prisma';
import type { ReportDocument } from '../documents';
import { parseReportId } from '../ids';
import { findReport } from '../store';

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
