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

/**
 * Sub-types place an account on the face of the statements (issue 15 item 5): the income
 * statement's gross and operating profit, the balance sheet's current / non-current split.
 * Each belongs to exactly one type; the pairs are also a CHECK on `accounts` (migration
 * 20261203100000_account_subtypes), so the database refuses an asset of sub-type
 * "cost-of-sales" whoever writes it.
 */
export const ACCOUNT_SUBTYPES = {
  asset: ['current-asset', 'non-current-asset'],
  liability: ['current-liability', 'non-current-liability'],
  equity: ['equity'],
  revenue: ['revenue', 'other-income'],
  expense: ['cost-of-sales', 'operating-expense', 'other-expense'],
} as const satisfies Record<AccountType, readonly string[]>;

export type AccountSubtype = (typeof ACCOUNT_SUBTYPES)[AccountType][number];

export const ALL_ACCOUNT_SUBTYPES = Object.values(ACCOUNT_SUBTYPES).flat() as [AccountSubtype, ...AccountSubtype[]];

/** The sub-type an account gets when none is named (and the migration's fallback for existing accounts). */
export const DEFAULT_SUBTYPE: Record<AccountType, AccountSubtype> = {
  asset: 'current-asset',
  liability: 'current-liability',
  equity: 'equity',
  revenue: 'revenue',
  expense: 'operating-expense',
};

export const SUBTYPE_LABELS: Record<AccountSubtype, string> = {
  'current-asset': 'Current assets',
  'non-current-asset': 'Non-current assets',
  'current-liability': 'Current liabilities',
  'non-current-liability': 'Non-current liabilities',
  equity: 'Equity',
  revenue: 'Revenue',
  'other-income': 'Other income',
  'cost-of-sales': 'Cost of sales',
  'operating-expense': 'Operating expenses',
  'other-expense': 'Other expenses (interest, tax)',
};

export function isSubtypeOf(type: AccountType, subtype: string): boolean {
  return (ACCOUNT_SUBTYPES[type] as readonly string[]).includes(subtype);
}
