import { newEntryIds } from '../entry-ids';
import { requirePermission, type Actor } from '../../auth/access';
import { AppError, notFound } from '../../../errors';
import type { PrismaClient } from '../../../adapters/db/prisma';
import { prismaSql, type Sql } from '../../../adapters/db/sql';
import { scheduleParameters } from '../../../adapters/queue/report-jobs';
import { checkJournalCsv, type ImportEntry, type ImportProblem } from '../import/journal-csv';
import { assertDateInWindow, ledgerWindow } from '../../accounting/window';
import { periodOfDate, periodOfInstant } from '../../accounting/periods';
import { entryEventPayload } from './write-entry';

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

async function importContext(db: PrismaClient, organizationId: string, now: Date) {
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

/**
 * Imports a CSV of journal entries all-or-nothing. `dryRun` (the preview) checks every
 * row and lists every problem without writing. A real import is then ONE statement on the
 * raw pg pool, its own transaction (closebook_import_entries, migration
 * 20261203200000_import_entries): the import marker (period rebuilds wait for it) and the
 * organization's row lock, a check of what may have changed since the preview (a period
 * closed, an account deactivated), the rows, the report targets and the rebuild jobs; the
 * hash chain and the balance check run at its commit. If something changed, nothing is
 * written and the file is checked again to name the rows. Measured: the statement and its
 * commit are ~3.2 s of PostgreSQL CPU per 50,000-line file here, the check ~1 s of Node
 * (ARCHITECTURE.md, "Large imports").
 */
export async function importJournalEntries(options: {
  prisma: PrismaClient;
  /** The process's raw pg pool (AppContext.sql); without it the statement goes through Prisma. */
  sql?: Sql;
  actor: Actor;
  organizationId: string;
  csv: string;
  dryRun: boolean;
  now: Date;
  /** The HTTP request's ID, carried into the rebuild jobs' payloads for the logs. */
  requestId?: string;
}): Promise<ImportResult> {
  const { prisma, actor, organizationId, csv, now } = options;
  await requirePermission(prisma, actor, organizationId, 'post');
  const preview = checkJournalCsv(csv, await importContext(prisma, organizationId, now));
  const summary = { entries: preview.entries.length, lines: preview.lineCount, problems: preview.problems };
  if (options.dryRun || preview.problems.length > 0) return { imported: false, ...summary };

  const [result] = await (options.sql ?? prismaSql(prisma)).query<{ result: ImportOutcome }>(
    IMPORT_STATEMENT,
    importArguments({ organizationId, actorId: actor.userId, now, requestId: options.requestId, entries: preview.entries }),
  );
  switch (result?.result.outcome) {
    case 'imported':
      return {
        imported: true,
        ...summary,
        firstSequence: Number(result.result.firstSequence ?? 0),
        lastSequence: Number(result.result.lastSequence ?? 0),
      };
    case 'not-found':
      throw notFound('Organization');
    case 'changed': {
      // A period was closed or an account changed since the preview: name the rows.
      const checked = checkJournalCsv(csv, await importContext(prisma, organizationId, now));
      throw new AppError('validation_failed', 'The file changed meaning since the preview (a period was closed or an account changed)', [
        { field: 'file', message: `${Math.max(1, checked.problems.length)} problem(s); preview again` },
      ]);
    }
  }
  throw new Error(`closebook_import_entries answered ${JSON.stringify(result)}`);
}

type ImportOutcome =
  { outcome: 'imported'; firstSequence?: string; lastSequence?: string } | { outcome: 'not-found' } | { outcome: 'changed' };

const IMPORT_STATEMENT = `SELECT closebook_import_entries($1::uuid, $2::uuid, $3::timestamptz, $4::text, $5::uuid[], $6::date[], $7::text[],
  $8::text[], $9::text[], $10::jsonb[], $11::uuid[], $12::int[], $13::uuid[], $14::bigint[], $15::bigint[], $16::text[], $17::text,
  $18::text, $19::text[], $20::int, $21::smallint, $22::smallint, $23::int) AS result`;

/** closebook_import_entries' arguments: one array element per entry, and per line. */
function importArguments(args: {
  organizationId: string;
  actorId: string;
  now: Date;
  requestId: string | undefined;
  entries: readonly ImportEntry[];
}): unknown[] {
  const { entries, now } = args;
  // The preview refused dates outside the window row by row; this is the backstop, because
  // the dates drive how much gets rebuilt (as in writeEntries).
  const window = ledgerWindow(now);
  for (const entry of entries) assertDateInWindow(entry.date, window);
  const ids = newEntryIds(entries.length);
  const lineCount = entries.reduce((sum, entry) => sum + entry.lines.length, 0);
  const lineEntryIds = new Array<string>(lineCount);
  const lineNos = new Array<number>(lineCount);
  const lineAccountIds = new Array<string>(lineCount);
  const lineDebits = new Array<string>(lineCount);
  const lineCredits = new Array<string>(lineCount);
  const lineDescriptions = new Array<string | null>(lineCount);
  let at = 0;
  entries.forEach((entry, index) => {
    entry.lines.forEach((line, lineIndex) => {
      lineEntryIds[at] = ids[index] ?? '';
      lineNos[at] = lineIndex + 1;
      lineAccountIds[at] = line.accountId;
      lineDebits[at] = line.debitMinor.toString();
      lineCredits[at] = line.creditMinor.toString();
      lineDescriptions[at] = line.description;
      at += 1;
    });
  });
  const [types, maxEager, maxAttempts, catchUpPriority, debounceMs] = scheduleParameters();
  return [
    args.organizationId,
    args.actorId,
    now,
    args.requestId ?? null,
    ids,
    entries.map((entry) => entry.date),
    entries.map((entry) => periodOfDate(entry.date)),
    entries.map((entry) => entry.memo),
    entries.map((entry) => entry.reference),
    entries.map((entry, index) => entryEventPayload(ids[index] ?? '', entry)),
    lineEntryIds,
    lineNos,
    lineAccountIds,
    lineDebits,
    lineCredits,
    lineDescriptions,
    periodOfInstant(now),
    window.lastPeriod,
    types,
    maxEager,
    maxAttempts,
    catchUpPriority,
    debounceMs,
  ];
}
