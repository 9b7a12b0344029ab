import { requirePermission, type Actor } from '../../auth/access';
import { AppError } from '../../../errors';
import type { PrismaClient, Tx } from '../../../adapters/db/prisma';
import { checkJournalCsv, type ImportProblem } from '../import/journal-csv';
import { ledgerWindow } from '../../accounting/window';
import { inOrganizationTransaction } from '../../../adapters/db/organization-lock';
import { writeEntries } from './write-entry';

/** Largest CSV file accepted, by the API and the browser's upload alike. */
export const MAX_CSV_BYTES = 10_000_000;

export interface ImportResult {
  imported: boolean;
  entries: number;
  lines: number;
  problems: ImportProblem[];
  firstSequence?: number;
  lastSequence?: number;
}

async function importContext(db: PrismaClient | Tx, organizationId: string, now: Date) {
  const [accounts, closed] = await Promise.all([
    db.account.findMany({ where: { organizationId }, select: { id: true, code: true, isActive: true } }),
    db.period.findMany({ where: { organizationId, status: 'closed' }, select: { period: true } }),
  ]);
  return {
    accountsByCode: new Map(accounts.map((account) => [account.code, account])),
    closedPeriods: new Set(closed.map((row) => row.period)),
    window: ledgerWindow(now),
  };
}

type ImportContext = Awaited<ReturnType<typeof importContext>>;

function sameContext(a: ImportContext, b: ImportContext): boolean {
  if (a.accountsByCode.size !== b.accountsByCode.size || a.closedPeriods.size !== b.closedPeriods.size) return false;
  for (const [code, account] of a.accountsByCode) {
    const other = b.accountsByCode.get(code);
    if (other?.id !== account.id || other.isActive !== account.isActive) return false;
  }
  return [...a.closedPeriods].every((period) => b.closedPeriods.has(period));
}

/**
 * Imports a CSV of journal entries all-or-nothing. `dryRun` (the preview) checks every
 * row and lists every problem without writing. A real import checks again under the
 * organization's lock (a period may have been closed since the preview) and writes every
 * entry in one transaction, or nothing.
 */
export async function importJournalEntries(options: {
  prisma: PrismaClient;
  actor: Actor;
  organizationId: string;
  csv: string;
  dryRun: boolean;
  now: Date;
}): Promise<ImportResult> {
  const { prisma, actor, organizationId, csv, now } = options;
  await requirePermission(prisma, actor, organizationId, 'post');
  const previewContext = await importContext(prisma, organizationId, now);
  const preview = checkJournalCsv(csv, previewContext);
  const summary = { entries: preview.entries.length, lines: preview.lineCount, problems: preview.problems };
  if (options.dryRun || preview.problems.length > 0) return { imported: false, ...summary };

  return inOrganizationTransaction(prisma, organizationId, async (tx) => {
    // Under the lock the accounts and closed periods are read again; only if they changed
    // since the preview is the file checked again (a 50,000-line file costs ~0.5 s to check).
    const context = await importContext(tx, organizationId, now);
    const checked = sameContext(context, previewContext) ? preview : checkJournalCsv(csv, context);
    if (checked.problems.length > 0) {
      throw new AppError('validation_failed', 'The file changed meaning since the preview (a period was closed or an account changed)', [
        { field: 'file', message: `${checked.problems.length} problem(s); preview again` },
      ]);
    }
    const written = await writeEntries(
      tx,
      checked.entries.map((entry) => ({
        organizationId,
        date: entry.date,
        memo: entry.memo,
        reference: entry.reference,
        lines: entry.lines,
        actorId: actor.userId,
        eventType: 'journal_entry.posted' as const,
        now,
      })),
    );
    return {
      imported: true,
      entries: checked.entries.length,
      lines: checked.lineCount,
      problems: [],
      firstSequence: Number(written[0]?.sequence ?? 0n),
      lastSequence: Number(written.at(-1)?.sequence ?? 0n),
    };
  });
}
