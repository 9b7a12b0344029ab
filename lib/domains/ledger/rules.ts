// The pure accounting rules of posting. Plain data in, a value out or a domain error
// thrown; no I/O, no clock. Commands call these before writing anything.
import { AppError, type FieldError } from '../../errors';
import { formatMinor, isAmount, parseAmount, type Minor } from '../money/money';

/**
 * Lengths of an entry's text fields, the same whichever way the entry arrives (API,
 * browser, CSV import): a 5 MB memo would otherwise sit in the ledger and in every general
 * ledger document of its month.
 */
export const ENTRY_LIMITS = { memo: 500, reference: 100, description: 500, accountCode: 20, linesPerEntry: 1000 } as const;

export interface EntryLineInput {
  accountCode: string;
  debit?: string | undefined;
  credit?: string | undefined;
  description?: string | undefined;
}

export interface PostableLine {
  accountCode: string;
  debitMinor: Minor;
  creditMinor: Minor;
  description: string | null;
}

/**
 * Checks the lines of an entry and converts amounts to minor units: at least two lines,
 * each line exactly one positive debit or credit with at most 2 decimals, and total
 * debits equal to total credits to the cent.
 */
export function checkEntryLines(lines: readonly EntryLineInput[]): PostableLine[] {
  const errors: FieldError[] = [];
  if (lines.length < 2) errors.push({ field: 'lines', message: 'An entry needs at least 2 lines' });

  const postable = lines.map((line, index): PostableLine => {
    const debitMinor = readAmount(line.debit, `lines.${index}.debit`, errors);
    const creditMinor = readAmount(line.credit, `lines.${index}.credit`, errors);
    if (debitMinor > 0n && creditMinor > 0n) {
      errors.push({ field: `lines.${index}`, message: 'A line is either a debit or a credit, not both' });
    } else if (debitMinor === 0n && creditMinor === 0n && !hasAmountError(errors, index)) {
      errors.push({ field: `lines.${index}`, message: 'A line needs a debit or a credit greater than zero' });
    }
    return { accountCode: line.accountCode, debitMinor, creditMinor, description: line.description?.trim() || null };
  });
  if (errors.length > 0) throw new AppError('validation_failed', 'The entry has invalid lines', errors);

  const debits = postable.reduce((sum, line) => sum + line.debitMinor, 0n);
  const credits = postable.reduce((sum, line) => sum + line.creditMinor, 0n);
  if (debits !== credits) {
    const difference = debits > credits ? debits - credits : credits - debits;
    throw new AppError(
      'unbalanced_entry',
      `Debits (${formatMinor(debits)}) and credits (${formatMinor(credits)}) differ by ${formatMinor(difference)}`,
      [{ field: 'lines', message: `Out of balance by ${formatMinor(difference)}` }],
    );
  }
  return postable;
}

function readAmount(value: string | undefined, field: string, errors: FieldError[]): Minor {
  if (value === undefined || value.trim() === '') return 0n;
  if (!isAmount(value)) {
    errors.push({ field, message: `"${value}" is not an amount: use digits with at most 2 decimals, e.g. 1234.50` });
    return 0n;
  }
  return parseAmount(value);
}

function hasAmountError(errors: FieldError[], index: number): boolean {
  return errors.some((error) => error.field.startsWith(`lines.${index}.`));
}

export interface AccountRef {
  id: string;
  code: string;
  isActive: boolean;
}

/** Maps each line's account code to an account of this organization, or fails per line. */
export function resolveAccounts<L extends { accountCode: string }>(
  lines: readonly L[],
  accountsByCode: ReadonlyMap<string, AccountRef>,
): (L & { accountId: string })[] {
  const errors: FieldError[] = [];
  let unknown = false;
  const resolved = lines.map((line, index) => {
    const account = accountsByCode.get(line.accountCode);
    if (!account) {
      unknown = true;
      errors.push({ field: `lines.${index}.accountCode`, message: `Unknown account "${line.accountCode}"` });
      return { ...line, accountId: '' };
    }
    if (!account.isActive) {
      errors.push({ field: `lines.${index}.accountCode`, message: `Account "${line.accountCode}" is inactive` });
    }
    return { ...line, accountId: account.id };
  });
  if (errors.length > 0) {
    throw new AppError(
      unknown ? 'unknown_account' : 'inactive_account',
      unknown ? 'The entry refers to accounts that do not exist in this organization' : 'The entry uses inactive accounts',
      errors,
    );
  }
  return resolved;
}

export function assertPeriodOpen(period: string, status: 'open' | 'closed' | undefined, field = 'date'): void {
  if (status === 'closed') {
    throw new AppError('period_closed', `Period ${period} is closed`, [
      { field, message: `Period ${period} is closed; reopen it or choose a date in an open period` },
    ]);
  }
}
