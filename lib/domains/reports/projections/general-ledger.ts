import { isDebitNormal } from '../../accounting/account-types';
import { formatMinor, type Minor } from '../../money/money';
import type { GeneralLedgerDocument, LedgerAccount } from '../documents/general-ledger';
import { closingBalances, openingBalances } from './balances';
import { byAccountCode, documentBase } from './common';
import type { PeriodLine, ReportInputs } from './inputs';
import { invariantViolated } from '../../../errors';

/**
 * General ledger for the period: for every account with activity, the opening balance,
 * each line in date / sequence order with a running balance, and the closing balance.
 * Balances are in the account's normal direction (a normal balance is positive). The
 * closing balance is checked against the same rules the trial balance uses.
 */
export function buildGeneralLedger(inputs: ReportInputs): GeneralLedgerDocument {
  if (!inputs.lines) throw new Error('the general ledger needs the period lines');
  const opening = openingBalances(inputs);
  const closing = closingBalances(inputs);
  const linesByAccount = new Map<string, PeriodLine[]>();
  for (const line of inputs.lines) {
    const list = linesByAccount.get(line.accountId) ?? [];
    list.push(line);
    linesByAccount.set(line.accountId, list);
  }
  let totalDebit: Minor = 0n;
  let totalCredit: Minor = 0n;
  const accounts: LedgerAccount[] = [];
  for (const account of [...inputs.accounts].sort(byAccountCode)) {
    const lines = linesByAccount.get(account.id);
    if (!lines || lines.length === 0) continue;
    const sign = isDebitNormal(account.type) ? 1n : -1n;
    let running = opening.get(account.id) ?? 0n; // debit-positive
    let debit: Minor = 0n;
    let credit: Minor = 0n;
    const rendered = lines.map((line) => {
      running += line.debitMinor - line.creditMinor;
      debit += line.debitMinor;
      credit += line.creditMinor;
      return {
        date: line.date,
        sequence: Number(line.sequence),
        entryId: line.entryId,
        memo: line.memo,
        reference: line.reference,
        description: line.description,
        debit: formatMinor(line.debitMinor),
        credit: formatMinor(line.creditMinor),
        balance: formatMinor(sign * running),
      };
    });
    if (running !== (closing.get(account.id) ?? 0n)) {
      throw invariantViolated(
        `general ledger of ${inputs.organization.id} ${inputs.period}: account ${account.code} lines do not reach its closing balance`,
      );
    }
    totalDebit += debit;
    totalCredit += credit;
    accounts.push({
      accountCode: account.code,
      accountName: account.name,
      accountType: account.type,
      balanceDirection: sign === 1n ? 'debit' : 'credit',
      opening: formatMinor(sign * (opening.get(account.id) ?? 0n)),
      lines: rendered,
      totals: { debit: formatMinor(debit), credit: formatMinor(credit) },
      closing: formatMinor(sign * running),
    });
  }
  if (totalDebit !== totalCredit) {
    throw invariantViolated(
      `general ledger of ${inputs.organization.id} ${inputs.period} does not balance: ${totalDebit} ≠ ${totalCredit}`,
    );
  }
  return {
    ...documentBase('general-ledger', inputs),
    accounts,
    totals: { debit: formatMinor(totalDebit), credit: formatMinor(totalCredit) },
  };
}
