// Zod schemas shared by the operation contracts: path parameters, amounts, the problem
// document, and the report documents as the API serves them. Response schemas are strict
// objects (no unknown fields), so a field added or renamed in lib/ without updating its
// contract fails the integration suite's response validation.
import { z } from 'zod';
import { ERROR_STATUS, type ErrorCode } from '../../../errors';
import { ACCOUNT_TYPES, ALL_ACCOUNT_SUBTYPES } from '../../../domains/accounting/account-types';
import { REPORT_TYPES } from '../../../domains/reports/types';

export const idParam = (description: string) => z.string().meta({ description });
export const orgParams = z.object({ org: idParam('Organization ID (UUID)') });

export const uuid = z.string().meta({ format: 'uuid' });
export const dateTime = z.string().meta({ format: 'date-time' });
export const isoDateString = z.string().meta({ format: 'date' });
export const periodString = z.string().regex(/^\d{4}-\d{2}$/);
export const ledgerHashString = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .meta({ description: 'SHA-256 ledger hash chain head (hex); see GET /organizations/{org}/ledger/verification' });
export const sequence = z.number().int().meta({ description: 'Ledger sequence number' });
export const roleSchema = z.enum(['admin', 'accountant', 'viewer']);
export const accountTypeSchema = z.enum(ACCOUNT_TYPES);
export const accountSubtypeSchema = z.enum(ALL_ACCOUNT_SUBTYPES);
export const reportTypeSchema = z.enum(REPORT_TYPES);
/** An amount in a document or list: a decimal string with exactly 2 places, never a number. */
export const amount = z
  .string()
  .regex(/^-?\d+\.\d{2}$/)
  .meta({ example: '1234.50' });

/** Every error answer (RFC 9457): `code` is one of the closed set in lib/errors.ts. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    instance: z.string().optional(),
  })
  .meta({ id: 'Problem' });

const documentBase = {
  id: z.string(),
  organizationId: uuid,
  organizationName: z.string(),
  period: periodString,
  periodStart: isoDateString,
  periodEnd: isoDateString,
  fiscalYearStart: periodString,
  periodClosed: z.boolean(),
  currency: z.string(),
  asOfSequence: z.number().int(),
  ledgerHash: ledgerHashString.optional(),
  builtAt: dateTime,
  schemaVersion: z.number().int(),
};
const debitCredit = z.object({ debit: amount, credit: amount });
const statementSection = z.object({
  rows: z.array(z.object({ accountCode: z.string(), accountName: z.string(), amount })),
  total: amount,
});

export const trialBalanceDocument = z
  .object({
    ...documentBase,
    type: z.literal('trial-balance'),
    rows: z.array(
      z.object({ accountCode: z.string(), accountName: z.string(), accountType: accountTypeSchema, debit: amount, credit: amount }),
    ),
    totals: debitCredit,
  })
  .meta({ id: 'TrialBalance' });

/** The income statement by account sub-type (absent on documents built before sub-types). */
const incomeStatementStructure = z.object({
  revenue: statementSection,
  costOfSales: statementSection,
  grossProfit: amount,
  operatingExpenses: statementSection,
  operatingProfit: amount,
  otherIncome: statementSection,
  otherExpenses: statementSection,
});
const incomeStatementColumn = {
  revenue: statementSection,
  expenses: statementSection,
  netIncome: amount,
  structure: incomeStatementStructure.optional(),
};

export const incomeStatementDocument = z
  .object({
    ...documentBase,
    type: z.literal('income-statement'),
    ...incomeStatementColumn,
    yearToDate: z.object(incomeStatementColumn),
    comparative: z
      .object({
        period: periodString,
        periodStart: isoDateString,
        periodEnd: isoDateString,
        ...incomeStatementColumn,
        yearToDate: z.object(incomeStatementColumn),
      })
      .optional()
      .meta({ description: 'The same month a year earlier and its fiscal year to date' }),
  })
  .meta({ id: 'IncomeStatement' });

/** Current / non-current split of the balance sheet (absent on documents built before sub-types). */
const balanceSheetStructure = z.object({
  currentAssets: statementSection,
  nonCurrentAssets: statementSection,
  currentLiabilities: statementSection,
  nonCurrentLiabilities: statementSection,
  netCurrentAssets: amount,
  netAssets: amount,
});
const balanceSheetFigures = {
  assets: statementSection,
  liabilities: statementSection,
  equity: statementSection.extend({ currentYearEarnings: amount }),
  totals: z.object({ assets: amount, liabilitiesAndEquity: amount }),
  structure: balanceSheetStructure.optional(),
};

export const balanceSheetDocument = z
  .object({
    ...documentBase,
    type: z.literal('balance-sheet'),
    ...balanceSheetFigures,
    comparative: z
      .object({ period: periodString, asOf: isoDateString, ...balanceSheetFigures })
      .optional()
      .meta({ description: 'The position at the end of the previous fiscal year (period: its last month)' }),
  })
  .meta({ id: 'BalanceSheet' });

export const generalLedgerDocument = z
  .object({
    ...documentBase,
    type: z.literal('general-ledger'),
    accounts: z.array(
      z.object({
        accountCode: z.string(),
        accountName: z.string(),
        accountType: accountTypeSchema,
        balanceDirection: z.enum(['debit', 'credit']),
        opening: amount,
        lines: z.array(
          z.object({
            date: isoDateString,
            sequence: z.number().int(),
            entryId: uuid,
            memo: z.string(),
            reference: z.string().nullable(),
            description: z.string().nullable(),
            debit: amount,
            credit: amount,
            balance: amount,
          }),
        ),
        totals: debitCredit,
        closing: amount,
      }),
    ),
    totals: debitCredit,
  })
  .meta({ id: 'GeneralLedger' });

/** A report document (lib/domains/reports/documents): amounts are decimal strings with 2 places. */
export const reportDocument = z
  .discriminatedUnion('type', [trialBalanceDocument, incomeStatementDocument, balanceSheetDocument, generalLedgerDocument])
  .meta({ id: 'ReportDocument' });
