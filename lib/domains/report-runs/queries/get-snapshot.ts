// A snapshot of a run (its frozen document, or its PDF), if the actor may read its organization.
import type { Db } from 'mongodb';
import { requirePermission, type Actor } from '../../auth/access';
import type { PrismaClient } from '../../../adapters/db/prisma';
import { notFound } from '../../../errors';
import { parseReportId, reportFilename } from '../../reports';
import { findSnapshot, findSnapshotFileInfo, readSnapshotPdf } from '../snapshot-store';

export interface SnapshotFile {
  filename: string;
  body: Buffer;
  sha256: string;
}

/** A snapshot by ID (its PDF, or its frozen document), if the actor may read its organization. */
export async function visibleSnapshot(prisma: PrismaClient, actor: Actor, snapshotId: string) {
  const id = parseReportId(snapshotId);
  if (!id) throw notFound('Snapshot');
  const item = await prisma.reportRunItem.findUnique({
    where: { snapshotId },
    select: { runId: true, organizationId: true },
  });
  if (!item) throw notFound('Snapshot');
  // Not a member → the same 404 as an unknown snapshot ID.
  await requirePermission(prisma, actor, item.organizationId, 'read', 'Snapshot');
  return { id, item };
}

export async function getSnapshotPdf(options: { prisma: PrismaClient; db: Db; actor: Actor; snapshotId: string }): Promise<SnapshotFile> {
  const { id } = await visibleSnapshot(options.prisma, options.actor, options.snapshotId);
  // The file's facts only, not the frozen document (a long general ledger is megabytes).
  const info = await findSnapshotFileInfo(options.db, id);
  if (!info) throw notFound('Snapshot');
  const body = await readSnapshotPdf(options.db, id, info.pdf.chunks);
  return { filename: reportFilename(info, 'pdf'), body, sha256: info.pdf.sha256 };
}

export async function getSnapshot(options: { prisma: PrismaClient; db: Db; actor: Actor; snapshotId: string }) {
  const { id, item } = await visibleSnapshot(options.prisma, options.actor, options.snapshotId);
  const snapshot = await findSnapshot(options.db, id);
  if (!snapshot) throw notFound('Snapshot');
  return {
    id: options.snapshotId,
    runId: item.runId,
    organizationId: item.organizationId,
    type: snapshot.type,
    period: snapshot.period,
    asOfSequence: snapshot.asOfSequence,
    ledgerHash: snapshot.document.ledgerHash ?? null,
    createdAt: snapshot.createdAt.toISOString(),
    pdf: { bytes: snapshot.pdf.bytes, pages: snapshot.pdf.pages, sha256: snapshot.pdf.sha256 },
    document: snapshot.document,
  };
}
