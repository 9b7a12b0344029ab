// hledger, the independent accounting engine the reports are checked against
// (tests/integration/hledger.int.test.ts): random but valid journals, written for both
// Closebook's API and hledger, and hledger's balances and postings read back as minor units.
import { execFileSync } from 'node:child_process';
import { DEFAULT_CHART } from '../../lib/domains/ledger/default-chart';
import { periodBounds } from '../../lib/domains/accounting/periods';
import type { AccountType } from '../../lib/domains/accounting/account-types';
import { formatMinor, parseSignedAmount, type Minor } from '../../lib/domains/money/money';

export const hasHledger = (() => {
  try {
    execFileSync('hledger', ['--version']);
    return true;
  } catch {
    return false;
  }
})();
if (!hasHledger && process.env.CLOSEBOOK_REQUIRE_HLEDGER === '1') throw new Error('hledger is required here (apt-get install hledger)');

export const FIRST = '2024-01';
export const LAST = '2026-10';
const TOP: Record<AccountType, string> = {
  asset: 'assets',
  liability: 'liabilities',
  equity: 'equity',
  revenue: 'revenues',
  expense: 'expenses',
};
export const TYPE_OF = new Map(DEFAULT_CHART.map((account) => [account.code, account.type]));
export const SUBTYPE_OF = new Map<string, string>(DEFAULT_CHART.map((account) => [account.code, account.subtype]));
const hledgerName = (code: string) => `${TOP[TYPE_OF.get(code) ?? 'asset']}:${code}`;

export interface Line {
  accountCode: string;
  debit?: string;
  credit?: string;
}
export interface Entry {
  date: string;
  memo: string;
  lines: Line[];
}

export function dateIn(next: () => number, from: string, to: string): string {
  const start = Date.parse(`${periodBounds(from).start}T00:00:00Z`);
  const end = Date.parse(`${periodBounds(to).end}T00:00:00Z`);
  return new Date(start + Math.floor(next() * ((end - start) / 86_400_000 + 1)) * 86_400_000).toISOString().slice(0, 10);
}

export function randomEntry(next: () => number, index: number): Entry {
  const codes = DEFAULT_CHART.filter((account) => !account.isRetainedEarnings).map((account) => account.code);
  const pick = () => codes[Math.floor(next() * codes.length)] ?? '1000';
  const count = 2 + Math.floor(next() * 3);
  const lines: Line[] = [];
  let net: Minor = 0n; // debit-positive
  for (let i = 0; i < count - 1; i++) {
    const amount = BigInt(1 + Math.floor(next() * 500_000));
    const debit = next() < 0.5;
    net += debit ? amount : -amount;
    lines.push({ accountCode: pick(), [debit ? 'debit' : 'credit']: formatMinor(amount) });
  }
  if (net === 0n) return randomEntry(next, index);
  lines.push({ accountCode: pick(), [net > 0n ? 'credit' : 'debit']: formatMinor(net > 0n ? net : -net) });
  return { date: dateIn(next, FIRST, LAST), memo: `Generated entry ${index}`, lines };
}

export function hledgerJournal(entries: Entry[]): string {
  return entries
    .map((entry) => {
      const postings = entry.lines.map((line) => `    ${hledgerName(line.accountCode)}  ${line.debit ?? `-${line.credit ?? '0'}`}`);
      return `${entry.date} ${entry.memo}\n${postings.join('\n')}\n`;
    })
    .join('\n');
}

/** `hledger bal` as a map of account code → debit-positive minor units. */
export function hledgerBalances(file: string, args: string[]): Map<string, Minor> {
  const csv = execFileSync('hledger', ['-f', file, 'bal', '--flat', '-N', '-O', 'csv', ...args], { encoding: 'utf8' });
  const result = new Map<string, Minor>();
  for (const line of csv.trim().split('\n').slice(1)) {
    const [account, amount] = line.split(',').map((cell) => cell.replaceAll('"', ''));
    if (!account || amount === undefined) continue;
    result.set(account.split(':')[1] ?? account, parseSignedAmount(amount));
  }
  return result;
}

export function hledgerPostings(file: string, from: string, to: string): Map<string, { count: number; debit: Minor; credit: Minor }> {
  const csv = execFileSync('hledger', ['-f', file, 'reg', '-b', from, '-e', to, '-O', 'csv'], { encoding: 'utf8' });
  const result = new Map<string, { count: number; debit: Minor; credit: Minor }>();
  for (const line of csv.trim().split('\n').slice(1)) {
    const cells = line.split('","').map((cell) => cell.replaceAll('"', ''));
    const account = cells[4]?.split(':')[1];
    const amount = cells[5];
    if (!account || amount === undefined) continue;
    const value = parseSignedAmount(amount);
    const sums = result.get(account) ?? { count: 0, debit: 0n, credit: 0n };
    sums.count += 1;
    if (value > 0n) sums.debit += value;
    else sums.credit -= value;
    result.set(account, sums);
  }
  return result;
}

export const nonZero = (map: Map<string, Minor>) => new Map([...map].filter(([, value]) => value !== 0n));
export const sum = (values: Iterable<Minor>) => [...values].reduce((total, value) => total + value, 0n);
