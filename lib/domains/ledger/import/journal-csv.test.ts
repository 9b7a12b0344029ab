import { describe, expect, it } from 'vitest';
import { ledgerWindow } from '../../accounting/window';
import { checkJournalCsv } from './journal-csv';

const accountsByCode = new Map([
  ['1000', { id: 'cash', code: '1000', isActive: true }],
  ['4000', { id: 'sales', code: '4000', isActive: true }],
  ['1999', { id: 'old', code: '1999', isActive: false }],
]);
const context = { accountsByCode, closedPeriods: new Set(['2026-01']), window: ledgerWindow(new Date('2026-11-15T10:00:00Z')) };
const HEADER = 'entry,date,memo,reference,account,debit,credit,description';

describe('checkJournalCsv', () => {
  it('groups rows into entries and converts amounts', () => {
    const result = checkJournalCsv(
      [
        HEADER,
        '1,2026-10-03,Invoice 1001,INV-1001,1000,1200.5,,',
        '1,,,,4000,,1200.50,"Consulting, October"',
        'A,2026-10-04,Cash sale,,1000,10,,',
        'A,,,,4000,,10,',
      ].join('\r\n'),
      context,
    );
    expect(result.problems).toEqual([]);
    expect(result.lineCount).toBe(4);
    expect(
      result.entries.map((entry) => [
        entry.key,
        entry.date,
        entry.memo,
        entry.reference,
        entry.lines.map((line) => [line.accountId, line.debitMinor, line.creditMinor, line.description]),
      ]),
    ).toEqual([
      [
        '1',
        '2026-10-03',
        'Invoice 1001',
        'INV-1001',
        [
          ['cash', 120050n, 0n, null],
          ['sales', 0n, 120050n, 'Consulting, October'],
        ],
      ],
      [
        'A',
        '2026-10-04',
        'Cash sale',
        null,
        [
          ['cash', 1000n, 0n, null],
          ['sales', 0n, 1000n, null],
        ],
      ],
    ]);
  });

  it('lists every problem with its row', () => {
    const result = checkJournalCsv(
      [
        HEADER,
        '1,2026-10-03,Unbalanced,,1000,100.00,,', // row 2
        '1,,,,4000,,99.99,', // row 3
        '2,2026-13-01,Bad date,,1000,5,,', // row 4
        '2,,,,4000,,5,',
        '3,2026-10-05,Unknown account,,9999,5,,', // row 6
        '3,,,,4000,,5,',
        '4,2026-10-06,Bad amount,,1000,"1,000.00",,', // row 8
        '4,,,,4000,,1000,',
        '5,2026-01-15,Closed period,,1000,1,,', // row 10
        '5,,,,4000,,1,',
        '6,2026-10-07,Inactive,,1999,1,,', // row 12
        '6,,,,4000,,1,',
      ].join('\n'),
      context,
    );
    expect(result.problems.map((problem) => [problem.row, problem.field, problem.message])).toEqual([
      [2, 'entry', 'Entry 1: Debits (100.00) and credits (99.99) differ by 0.01'],
      [4, 'date', '"2026-13-01" is not a date written YYYY-MM-DD'],
      [6, 'account', 'Unknown account "9999"'],
      [8, 'debit', '"1,000.00" is not an amount: use digits with at most 2 decimals, e.g. 1234.50'],
      [10, 'date', 'Period 2026-01 is closed'],
      [12, 'account', 'Account "1999" is inactive'],
    ]);
  });

  it('lists a row dated outside the ledger window (1900-01-01 to 24 months ahead) as a problem of that row', () => {
    const result = checkJournalCsv(
      [
        HEADER,
        '1,2028-11-30,Last day of the window,,1000,1,,',
        '1,,,,4000,,1,',
        '2,2028-12-01,A day too late,,1000,1,,',
        '2,,,,4000,,1,',
        '3,1899-12-31,Too early,,1000,1,,',
        '3,,,,4000,,1,',
        '4,9999-12-31,Typo,,1000,1,,',
        '4,,,,4000,,1,',
      ].join('\n'),
      context,
    );
    expect(result.problems.map((problem) => [problem.row, problem.entry, problem.field, problem.message])).toEqual([
      [4, '2', 'date', "2028-12-01 is outside the ledger's dates: 1900-01-01 to 2028-11-30"],
      [6, '3', 'date', "1899-12-31 is outside the ledger's dates: 1900-01-01 to 2028-11-30"],
      [8, '4', 'date', "9999-12-31 is outside the ledger's dates: 1900-01-01 to 2028-11-30"],
    ]);
  });

  it("applies the API's field limits and refuses text the database cannot store, row by row", () => {
    const memo = 'm'.repeat(501);
    const result = checkJournalCsv(
      [
        HEADER,
        `1,2026-10-03,${memo},${'r'.repeat(101)},1000,10,,${'d'.repeat(501)}`,
        '1,,,,4000,,10,',
        '2,2026-10-04,Fine,,1000,10,,"bad\u0000"',
        '2,,,,4000,,10,',
      ].join('\r\n'),
      context,
    );
    expect(result.problems).toEqual([
      { row: 2, entry: '1', field: 'memo', message: 'At most 500 characters (this one has 501)' },
      { row: 2, entry: '1', field: 'reference', message: 'At most 100 characters (this one has 101)' },
      { row: 2, entry: '1', field: 'description', message: 'At most 500 characters (this one has 501)' },
      { row: 4, entry: '2', field: 'description', message: 'Must not contain a NUL character' },
    ]);
  });

  it('refuses an entry with more lines than the API allows', () => {
    const rows = [HEADER, '1,2026-10-03,Many,,1000,1000.00,,'];
    for (let n = 0; n < 1000; n++) rows.push('1,,,,4000,,1.00,');
    const result = checkJournalCsv(rows.join('\n'), context);
    expect(result.problems).toContainEqual({
      row: 2,
      entry: '1',
      field: 'entry',
      message: 'Entry 1 has 1001 lines; an entry has at most 1000',
    });
  });

  it('refuses a file without the required columns or rows', () => {
    expect(() => checkJournalCsv('date,memo\n2026-01-01,x', context)).toThrow(/Missing column\(s\): entry, account, debit, credit/);
    expect(() => checkJournalCsv(HEADER, context)).toThrow(/no rows/);
    expect(() => checkJournalCsv(`${HEADER}\n1,"unterminated`, context)).toThrow(/not valid CSV/);
  });
});
