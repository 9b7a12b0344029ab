// The run's ZIP: a folder per organization, "2026-10 Balance sheet.pdf" inside, and an
// index.csv of every item (including the failed and pending ones, so the accountant sees
// what is missing). Streamed: entries are added lazily and each PDF is read from MongoDB
// one chunk at a time as the client downloads, so memory stays flat whatever the size.
// PDFs are already compressed: stored, not deflated (cheap on CPU, same size).
import { Readable } from 'node:stream';
import type { Db } from 'mongodb';
import { ZipFile } from 'yazl';
import type { Actor } from '../../auth/access';
import type { PrismaClient } from '../../../adapters/db/prisma';
import { notFound } from '../../../errors';
import { csvTextField, parseReportId, REPORT_TITLES, REPORT_TYPES, safeFileName, type ReportType } from '../../reports';
import { getRunProgress } from './get-run-progress';
import { findSnapshotFileInfo, snapshotPdfStream } from '../snapshot-store';

export interface RunZip {
  filename: string;
  stream: Readable;
}

export function snapshotFileName(period: string, type: ReportType): string {
  return `${period} ${REPORT_TITLES[type]}.pdf`;
}

/**
 * One folder name per organization, in order, never two alike (compared case-insensitively,
 * as Windows and macOS unzip): "Acme", "Acme", "Acme (2)" → "Acme", "Acme (2)", "Acme (2) (2)".
 * Unzipping must never put one client's PDFs over another's.
 */
export function uniqueFolderNames(organizationNames: readonly string[]): string[] {
  const used = new Set<string>();
  return organizationNames.map((name) => {
    const base = safeFileName(name);
    let folder = base;
    for (let n = 2; used.has(folder.toLowerCase()); n++) folder = `${base} (${n})`;
    used.add(folder.toLowerCase());
    return folder;
  });
}

export async function runZip(options: { prisma: PrismaClient; db: Db; actor: Actor | null; runId: string }): Promise<RunZip> {
  const { db } = options;
  const progress = await getRunProgress({ prisma: options.prisma, actor: options.actor, runId: options.runId });
  const zip = new ZipFile();
  const folders = uniqueFolderNames(progress.organizations.map((organization) => organization.name));
  const index: string[][] = [
    [
      'Organization',
      'Report',
      'Period',
      'Status',
      'File',
      'As of ledger sequence',
      'Ledger hash',
      'Pages',
      'Bytes',
      'SHA-256',
      'Snapshot ID',
      'Error',
    ],
  ];
  const entries: { path: string; snapshotId: string; finishedAt: Date }[] = [];
  for (const [position, organization] of progress.organizations.entries()) {
    const folder = folders[position] ?? '';
    for (const snapshot of organization.snapshots) {
      const path = `${folder}/${snapshotFileName(progress.period, snapshot.type)}`;
      const delivered = snapshot.status === 'done' && snapshot.snapshotId !== null;
      if (delivered && snapshot.snapshotId)
        entries.push({ path, snapshotId: snapshot.snapshotId, finishedAt: new Date(snapshot.finishedAt ?? progress.createdAt) });
      index.push([
        organization.name,
        snapshot.title,
        progress.period,
        snapshot.status,
        delivered ? path : '',
        snapshot.asOfSequence?.toString() ?? '',
        snapshot.ledgerHash ?? '',
        snapshot.pages?.toString() ?? '',
        snapshot.bytes?.toString() ?? '',
        snapshot.sha256 ?? '',
        snapshot.snapshotId ?? '',
        snapshot.error ?? '',
      ]);
    }
  }
  // UTF-8 with a BOM so spreadsheet programs read "Łódź" correctly.
  const csv = `\ufeff${index.map((row) => row.map(csvTextField).join(',')).join('\r\n')}\r\n`;
  zip.addBuffer(Buffer.from(csv, 'utf8'), 'index.csv', { compress: true, mtime: new Date(progress.createdAt) });
  for (const entry of entries) {
    zip.addReadStreamLazy(entry.path, { compress: false, mtime: entry.finishedAt }, (callback) => {
      // yazl emits the error on the ZIP stream and never reads the stream passed with it.
      openSnapshotPdf(db, entry.snapshotId).then(
        (stream) => callback(null, stream),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), Readable.from([])),
      );
    });
  }
  zip.end();
  const typesLabel =
    progress.types.length === REPORT_TYPES.length ? 'reports' : progress.types.map((type) => REPORT_TITLES[type]).join(', ');
  return { filename: `${progress.period} ${typesLabel} (run ${progress.id.slice(0, 8)}).zip`, stream: zip.outputStream as Readable };
}

async function openSnapshotPdf(db: Db, snapshotId: string): Promise<Readable> {
  const id = parseReportId(snapshotId);
  if (!id) throw notFound('Snapshot');
  const info = await findSnapshotFileInfo(db, id);
  if (!info) throw new Error(`Snapshot ${snapshotId} is missing from the read side`);
  return snapshotPdfStream(db, id, info.pdf.chunks);
}
