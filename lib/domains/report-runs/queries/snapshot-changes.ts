// What changed since a snapshot was issued: its frozen document against the same report
// built now from the books (one REPEATABLE READ snapshot, like every rebuild), and the
// postings made after the snapshot's sequence that can affect the report's period —
// backdated entries, reversals, postings into a reopened period.
import type { Db } from 'mongodb';
import type { Actor } from '../../auth/access';
import type { PrismaClient } from '../../../adapters/db/prisma';
import { notFound } from '../../../errors';
import { periodBounds } from '../../accounting/periods';
import type { AccountType } from '../../accounting/account-types';
import type { PdfRenderer } from '../../../adapters/pdf/render-pool';
import { buildReport, loadReportInputs, reportChanges, safeFileName, type EntryLineAfter, type ReportChanges } from '../../reports';
import { findSnapshot } from '../snapshot-store';
import { visibleSnapshot } from './get-snapshot';

export async function getSnapshotChanges(options: {
  prisma: PrismaClient;
  db: Db;
  actor: Actor;
  snapshotId: string;
  now: Date;
}): Promise<ReportChanges> {
  const { prisma } = options;
  const { id, item } = await visibleSnapshot(prisma, options.actor, options.snapshotId);
  const snapshot = await findSnapshot(options.db, id);
  if (!snapshot) throw notFound('Snapshot');
  const issued = snapshot.document;
  const inputs = await loadReportInputs(
    prisma,
    { organizationId: item.organizationId, period: issued.period, withLines: issued.type === 'general-ledger' },
    options.now,
  );
  if (!inputs) throw notFound('Snapshot');
  const live = buildReport(issued.type, inputs);
  const { start, end } = periodBounds(issued.period);
  // The income statement's figures are the period's activity; the others are cumulative up
  // to the period's end. Entries dated after the period never change its reports.
  const from = issued.type === 'income-statement' ? start : '0001-01-01';
  const rows = await prisma.$queryRaw<
    { accountCode: string; accountType: AccountType; id: string; sequence: bigint; date: string; memo: string; createdAt: Date }[]
  >`
    SELECT DISTINCT a.code AS "accountCode", a.type::text AS "accountType",
           e.id::text AS id, e.sequence, to_char(e.date, 'YYYY-MM-DD') AS date, e.memo, e.created_at AS "createdAt"
      FROM journal_entries e
      JOIN journal_lines l ON l.entry_id = e.id
      JOIN accounts a ON a.id = l.account_id
     WHERE e.organization_id = ${item.organizationId}::uuid
       AND e.sequence > ${issued.asOfSequence} AND e.sequence <= ${live.asOfSequence}
       AND e.date >= ${from}::date AND e.date <= ${end}::date
     ORDER BY e.sequence`;
  const linesAfter: EntryLineAfter[] = rows.map((row) => ({
    accountCode: row.accountCode,
    accountType: row.accountType,
    entry: { id: row.id, sequence: Number(row.sequence), date: row.date, memo: row.memo, createdAt: row.createdAt.toISOString() },
  }));
  const retained = await prisma.account.findFirst({
    where: { organizationId: item.organizationId, isRetainedEarnings: true },
    select: { code: true },
  });
  return reportChanges({
    snapshotId: options.snapshotId,
    snapshot: issued,
    live,
    linesAfter,
    retainedEarningsCode: retained?.code ?? null,
  });
}

/** "Changes since issued" as a PDF, rendered on the render threads (never on the caller's event loop). */
export async function getSnapshotChangesPdf(options: {
  prisma: PrismaClient;
  db: Db;
  actor: Actor;
  snapshotId: string;
  now: Date;
  renderer: PdfRenderer;
}): Promise<{ filename: string; body: Buffer }> {
  const changes = await getSnapshotChanges(options);
  const { bytes } = await options.renderer.renderChanges(changes);
  return {
    filename: `${safeFileName(changes.organizationName)} ${changes.period} ${changes.title} - changes since issued.pdf`,
    body: bytes,
  };
}
