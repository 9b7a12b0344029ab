// CSV import of journal entries: parsing and checking, pure (the caller passes the
// organization's accounts and closed periods). One row per line; rows with the same
// `entry` value form one entry, whose date, memo and reference come from its first row.
//
//   entry,date,memo,reference,account,debit,credit,description
//   1,2026-10-03,Invoice 1001,INV-1001,1100,1200.00,,
//   1,2026-10-03,Invoice 1001,INV-1001,4000,,1200.00,Consulting
import { parse } from 'csv-parse/sync';
import { AppError, isAppError } from '../../../errors';
import { isIsoDate, periodOfDate } from '../../accounting/periods';
import { checkEntryLines, ENTRY_LIMITS, type AccountRef, type PostableLine } from '../rules';
import { unstorableTextProblem } from '../../../validation';
import { dateOutsideWindowMessage, isDateInWindow, type LedgerWindow } from '../../accounting/window';

export const MAX_IMPORT_LINES = 50_000;
export const REQUIRED_COLUMNS = ['entry', 'date', 'memo', 'account', 'debit', 'credit'] as const;
export const OPTIONAL_COLUMNS = ['reference', 'description'] as const;

export interface ImportProblem {
  /** 1-based row number in the file, counting the header as row 1 (as a spreadsheet shows it). */
  row: number | null;
  entry: string | null;
  field: string;
  message: string;
}

export interface ImportEntry {
  key: string;
  firstRow: number;
  date: string;
  memo: string;
  reference: string | null;
  lines: (PostableLine & { accountId: string; row: number })[];
}

export interface CheckedImport {
  entries: ImportEntry[];
  lineCount: number;
  problems: ImportProblem[];
}

type Row = Record<string, string>;

function readRows(text: string): Row[] {
  try {
    return parse<Row>(text, {
      columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
      bom: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: false,
    });
  } catch (error) {
    throw new AppError('validation_failed', `The file is not valid CSV: ${(error as Error).message}`, [
      { field: 'file', message: 'Not valid CSV' },
    ]);
  }
}

/** Parses and checks a file; every problem is listed with its row, nothing is written. */
export function checkJournalCsv(
  text: string,
  context: { accountsByCode: ReadonlyMap<string, AccountRef>; closedPeriods: ReadonlySet<string>; window: LedgerWindow },
): CheckedImport {
  const rows = readRows(text);
  const problems: ImportProblem[] = [];
  const header = rows.length > 0 ? Object.keys(rows[0] ?? {}) : [];
  const missing = REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  if (rows.length === 0)
    throw new AppError('validation_failed', 'The file has no rows', [{ field: 'file', message: 'No rows below the header' }]);
  if (missing.length > 0) {
    throw new AppError('validation_failed', `Missing column(s): ${missing.join(', ')}`, [
      { field: 'file', message: `The header needs: ${REQUIRED_COLUMNS.join(', ')}` },
    ]);
  }
  if (rows.length > MAX_IMPORT_LINES) {
    throw new AppError('validation_failed', `At most ${MAX_IMPORT_LINES} lines per file`, [
      { field: 'file', message: `${rows.length} lines` },
    ]);
  }

  const groups = new Map<string, { firstRow: number; rows: { row: number; data: Row }[] }>();
  rows.forEach((data, index) => {
    const row = index + 2;
    const key = data.entry ?? '';
    if (!key) {
      problems.push({ row, entry: null, field: 'entry', message: 'Each row needs an entry number' });
      return;
    }
    const group = groups.get(key) ?? { firstRow: row, rows: [] };
    group.rows.push({ row, data });
    groups.set(key, group);
  });

  const entries: ImportEntry[] = [];
  for (const [key, group] of groups) {
    const head = group.rows[0]?.data ?? {};
    const date = head.date ?? '';
    const memo = head.memo ?? '';
    const problem = (row: number | null, field: string, message: string) => problems.push({ row, entry: key, field, message });
    if (!isIsoDate(date)) problem(group.firstRow, 'date', `"${date}" is not a date written YYYY-MM-DD`);
    else if (!isDateInWindow(date, context.window)) problem(group.firstRow, 'date', dateOutsideWindowMessage(date, context.window));
    else if (context.closedPeriods.has(periodOfDate(date))) problem(group.firstRow, 'date', `Period ${periodOfDate(date)} is closed`);
    if (!memo) problem(group.firstRow, 'memo', 'A memo is required');
    // The API's limits apply here too (lib/ledger/rules.ts ENTRY_LIMITS).
    tooLong(memo, ENTRY_LIMITS.memo, (message) => problem(group.firstRow, 'memo', message));
    tooLong(head.reference ?? '', ENTRY_LIMITS.reference, (message) => problem(group.firstRow, 'reference', message));
    if (group.rows.length > ENTRY_LIMITS.linesPerEntry) {
      problem(group.firstRow, 'entry', `Entry ${key} has ${group.rows.length} lines; an entry has at most ${ENTRY_LIMITS.linesPerEntry}`);
    }
    for (const { row, data } of group.rows) {
      tooLong(data.description ?? '', ENTRY_LIMITS.description, (message) => problem(row, 'description', message));
      tooLong(data.account ?? '', ENTRY_LIMITS.accountCode, (message) => problem(row, 'account', message));
      for (const [column, value] of Object.entries(data)) {
        const unstorable = unstorableTextProblem(value);
        if (unstorable) problem(row, column, unstorable);
      }
    }
    for (const { row, data } of group.rows.slice(1)) {
      if (data.date && data.date !== date) problem(row, 'date', `All rows of entry ${key} need the same date (${date})`);
    }
    const lines = group.rows.map(({ row, data }) => {
      const account = context.accountsByCode.get(data.account ?? '');
      if (!account) problem(row, 'account', `Unknown account "${data.account ?? ''}"`);
      else if (!account.isActive) problem(row, 'account', `Account "${account.code}" is inactive`);
      return {
        row,
        accountId: account?.id ?? '',
        accountCode: data.account ?? '',
        debit: data.debit || undefined,
        credit: data.credit || undefined,
        description: data.description || undefined,
      };
    });
    let postable: PostableLine[] = [];
    try {
      postable = checkEntryLines(lines);
    } catch (error) {
      if (!isAppError(error)) throw error;
      for (const fieldError of error.fieldErrors) {
        const index = /^lines\.(\d+)/.exec(fieldError.field)?.[1];
        const row = index === undefined ? group.firstRow : (lines[Number(index)]?.row ?? group.firstRow);
        const field = fieldError.field.split('.').at(-1) ?? 'lines';
        problem(
          row,
          index === undefined ? 'entry' : /^\d+$/.test(field) ? 'amount' : field,
          error.code === 'unbalanced_entry' ? `Entry ${key}: ${error.message}` : fieldError.message,
        );
      }
    }
    entries.push({
      key,
      firstRow: group.firstRow,
      date,
      memo,
      reference: head.reference || null,
      lines: postable.map((line, index) => ({
        ...line,
        accountId: lines[index]?.accountId ?? '',
        row: lines[index]?.row ?? group.firstRow,
      })),
    });
  }
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { entries, lineCount: rows.length, problems };
}

function tooLong(value: string, max: number, report: (message: string) => void): void {
  if (value.length > max) report(`At most ${max} characters (this one has ${value.length})`);
}
