// The five account types and their normal balances: vocabulary of both the write side
// (posting, the chart of accounts) and the read side (every report). Pure.
export const ACCOUNT_TYPES = ['asset', 'liability', 'equity', 'revenue', 'expense'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/** Assets and expenses carry debit balances; liabilities, equity and revenue credit. */
export function isDebitNormal(type: AccountType): boolean {
  return type === 'asset' || type === 'expense';
}

export function isBalanceSheetType(type: AccountType): boolean {
  return type === 'asset' || type === 'liability' || type === 'equity';
}
