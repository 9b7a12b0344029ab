import type { AccountSubtype, AccountType } from '../accounting/account-types';

export interface ChartAccount {
  code: string;
  name: string;
  type: AccountType;
  /** Where the account sits on the statements (the migration 20261203100000_account_subtypes copies these for existing charts). */
  subtype: AccountSubtype;
  isRetainedEarnings?: boolean;
}

/** A small general-purpose chart every new organization starts with. */
export const DEFAULT_CHART: readonly ChartAccount[] = [
  { code: '1000', name: 'Cash at bank', type: 'asset', subtype: 'current-asset' },
  { code: '1010', name: 'Petty cash', type: 'asset', subtype: 'current-asset' },
  { code: '1100', name: 'Accounts receivable', type: 'asset', subtype: 'current-asset' },
  { code: '1200', name: 'Inventory', type: 'asset', subtype: 'current-asset' },
  { code: '1300', name: 'Prepaid expenses', type: 'asset', subtype: 'current-asset' },
  { code: '1500', name: 'Equipment', type: 'asset', subtype: 'non-current-asset' },
  { code: '1510', name: 'Accumulated depreciation', type: 'asset', subtype: 'non-current-asset' },
  { code: '2000', name: 'Accounts payable', type: 'liability', subtype: 'current-liability' },
  { code: '2100', name: 'VAT payable', type: 'liability', subtype: 'current-liability' },
  { code: '2200', name: 'Accrued liabilities', type: 'liability', subtype: 'current-liability' },
  { code: '2300', name: 'Payroll liabilities', type: 'liability', subtype: 'current-liability' },
  { code: '2500', name: 'Bank loan', type: 'liability', subtype: 'non-current-liability' },
  { code: '3000', name: 'Share capital', type: 'equity', subtype: 'equity' },
  { code: '3200', name: 'Retained earnings', type: 'equity', subtype: 'equity', isRetainedEarnings: true },
  { code: '4000', name: 'Sales revenue', type: 'revenue', subtype: 'revenue' },
  { code: '4100', name: 'Service revenue', type: 'revenue', subtype: 'revenue' },
  { code: '4900', name: 'Other income', type: 'revenue', subtype: 'other-income' },
  { code: '5000', name: 'Cost of goods sold', type: 'expense', subtype: 'cost-of-sales' },
  { code: '6000', name: 'Salaries and wages', type: 'expense', subtype: 'operating-expense' },
  { code: '6100', name: 'Rent', type: 'expense', subtype: 'operating-expense' },
  { code: '6200', name: 'Utilities', type: 'expense', subtype: 'operating-expense' },
  { code: '6300', name: 'Office supplies', type: 'expense', subtype: 'operating-expense' },
  { code: '6400', name: 'Professional fees', type: 'expense', subtype: 'operating-expense' },
  { code: '6500', name: 'Depreciation', type: 'expense', subtype: 'operating-expense' },
  { code: '6600', name: 'Bank charges', type: 'expense', subtype: 'operating-expense' },
  { code: '6900', name: 'Interest expense', type: 'expense', subtype: 'other-expense' },
];
