// Contracts of the ledger side of /api/v1: organizations, accounts, journal entries, CSV
// import, periods.
import { z } from 'zod';
import { accountInput } from '../../../domains/ledger/commands/create-account';
import { accountUpdateInput } from '../../../domains/ledger/commands/update-account';
import { periodChangeInput } from '../../../domains/ledger/commands/change-period-status';
import { closeThroughInput } from '../../../domains/ledger/commands/close-periods-through';
import { organizationInput } from '../../../domains/ledger/commands/create-organization';
import { MAX_CSV_BYTES } from '../../../domains/ledger/commands/import-journal-entries';
import { journalEntryInput } from '../../../domains/ledger/commands/post-journal-entry';
import { reversalInput } from '../../../domains/ledger/commands/reverse-journal-entry';
import { entryFilterInput } from '../../../domains/ledger/queries/list-entries';
import { browserTwin, defineOperation } from '../operation';
import {
  accountSubtypeSchema,
  accountTypeSchema,
  amount,
  dateTime,
  idParam,
  ledgerHashString,
  orgParams,
  roleSchema,
  sequence,
  uuid,
} from './schemas';

const organization = { id: uuid, name: z.string(), baseCurrency: z.string(), fiscalYearStartMonth: z.number().int() };
const account = {
  id: uuid,
  code: z.string(),
  name: z.string(),
  type: accountTypeSchema,
  subtype: accountSubtypeSchema,
  isRetainedEarnings: z.boolean(),
  isActive: z.boolean(),
};
const posted = z.object({ id: uuid, sequence }).meta({ id: 'Posted' });
const periodParams = z.object({ org: orgParams.shape.org, period: idParam('YYYY-MM') });
const periodResult = z.object({ period: z.string(), status: z.enum(['open', 'closed']), sequence });

export const listOrganizations = defineOperation({
  method: 'GET',
  path: '/api/v1/organizations',
  summary: 'Organizations you are a member of',
  auth: 'bearer',
  responses: {
    200: { description: 'Your organizations', json: z.object({ organizations: z.array(z.object({ ...organization, role: roleSchema })) }) },
  },
  public: true,
});

export const createOrganization = defineOperation({
  method: 'POST',
  path: '/api/v1/organizations',
  summary: 'Create an organization (with a default chart of accounts); you become its admin',
  auth: 'bearer',
  body: { kind: 'json', schema: organizationInput },
  responses: { 201: { description: 'The organization', json: z.object({ ...organization, sequence }) } },
  public: true,
});

export const getOrganization = defineOperation({
  method: 'GET',
  path: '/api/v1/organizations/{org}',
  summary: 'One organization, your role in it and its last ledger sequence',
  auth: 'bearer',
  params: orgParams,
  responses: { 200: { description: 'The organization', json: z.object({ ...organization, role: roleSchema, lastSequence: sequence }) } },
  errors: ['not_found'],
  public: true,
});

export const listAccounts = defineOperation({
  method: 'GET',
  path: '/api/v1/organizations/{org}/accounts',
  summary: 'The chart of accounts, by code',
  auth: 'bearer',
  params: orgParams,
  responses: { 200: { description: 'The accounts', json: z.object({ accounts: z.array(z.object(account)) }) } },
  errors: ['not_found'],
  public: true,
});

export const createAccount = defineOperation({
  method: 'POST',
  path: '/api/v1/organizations/{org}/accounts',
  summary: 'Add an account',
  auth: 'bearer',
  params: orgParams,
  body: { kind: 'json', schema: accountInput },
  responses: { 201: { description: 'The account', json: z.object({ ...account, organizationId: uuid, createdAt: dateTime, sequence }) } },
  errors: ['not_found', 'forbidden', 'conflict'],
  public: true,
});

export const updateAccount = defineOperation({
  method: 'PATCH',
  path: '/api/v1/organizations/{org}/accounts/{id}',
  summary: 'Rename, deactivate or reactivate an account, or change its sub-type (its place on the statements)',
  description:
    'The body names one action: {"action":"rename","name"}, {"action":"deactivate"}, {"action":"reactivate"} or ' +
    '{"action":"set-subtype","subtype"}. A sub-type of another account type is 422 validation_failed on the field subtype.',
  auth: 'bearer',
  params: z.object({ org: orgParams.shape.org, id: idParam('Account ID') }),
  body: { kind: 'json', schema: accountUpdateInput },
  responses: {
    200: {
      description: 'The account',
      json: z.object({ id: uuid, code: z.string(), name: z.string(), subtype: accountSubtypeSchema, isActive: z.boolean(), sequence }),
    },
  },
  errors: ['not_found', 'forbidden', 'conflict'],
  public: true,
});

export const listJournalEntries = defineOperation({
  method: 'GET',
  path: '/api/v1/organizations/{org}/journal-entries',
  summary: 'Journal entries, newest first, 50 per page',
  auth: 'bearer',
  params: orgParams,
  useCaseQuery: entryFilterInput,
  responses: {
    200: {
      description: 'One page of entries',
      json: z.object({
        entries: z.array(
          z.object({
            id: uuid,
            date: z.string(),
            memo: z.string(),
            reference: z.string().nullable(),
            sequence,
            isReversal: z.boolean(),
            isReversed: z.boolean(),
            total: amount,
          }),
        ),
        total: z.number().int(),
        page: z.number().int(),
        pages: z.number().int(),
      }),
    },
  },
  errors: ['not_found'],
  public: true,
});

export const postJournalEntry = defineOperation({
  method: 'POST',
  path: '/api/v1/organizations/{org}/journal-entries',
  summary: 'Post a balanced journal entry; a replay with the same Idempotency-Key answers as the first request',
  auth: 'bearer',
  params: orgParams,
  headers: { 'Idempotency-Key': { description: 'Makes a retried POST safe', schema: { type: 'string', maxLength: 200 } } },
  body: { kind: 'json', schema: journalEntryInput.meta({ id: 'JournalEntry' }) },
  responses: {
    201: { description: 'Posted', json: posted, headers: { 'Idempotent-Replayed': 'true when this answers an earlier request' } },
  },
  errors: ['not_found', 'forbidden', 'unbalanced_entry', 'unknown_account', 'inactive_account', 'period_closed', 'idempotency_conflict'],
  public: true,
  counts: 'postings',
});

const importResult = z.object({
  imported: z.boolean(),
  entries: z.number().int(),
  lines: z.number().int(),
  problems: z.array(z.object({ row: z.number().int().nullable(), entry: z.string().nullable(), field: z.string(), message: z.string() })),
  firstSequence: sequence.optional(),
  lastSequence: sequence.optional(),
});

export const importJournalEntries = defineOperation({
  method: 'POST',
  path: '/api/v1/organizations/{org}/journal-entries/import',
  summary: 'Import a CSV of journal entries, all-or-nothing (entry,date,memo,reference,account,debit,credit,description)',
  auth: 'bearer',
  params: orgParams,
  query: z.object({
    dryRun: z
      .string()
      .optional()
      .transform((value) => value === 'true')
      .meta({ type: 'boolean', description: 'Check and list every problem; write nothing' }),
  }),
  body: { kind: 'csv', schema: z.string(), maxBytes: MAX_CSV_BYTES },
  responses: {
    200: { description: 'Preview: {imported: false, entries, lines, problems: []}', json: importResult },
    201: { description: 'Imported: {imported: true, entries, lines, firstSequence, lastSequence}', json: importResult },
    422: { description: 'Problems listed per row; nothing was imported', json: importResult },
  },
  errors: ['not_found', 'forbidden'],
  public: true,
});

/** The browser's CSV upload (session cookie): the same command and answers as the API's import. */
export const uploadJournalCsv = browserTwin(importJournalEntries, { path: '/orgs/{org}/import/upload' });

export const reverseJournalEntry = defineOperation({
  method: 'POST',
  path: '/api/v1/organizations/{org}/journal-entries/{id}/reversal',
  summary: 'Reverse an entry: every debit and credit swapped, dated in an open period',
  auth: 'bearer',
  params: z.object({ org: orgParams.shape.org, id: idParam('Journal entry ID') }),
  body: { kind: 'json', schema: reversalInput },
  responses: { 201: { description: 'Reversing entry posted', json: posted } },
  errors: ['not_found', 'forbidden', 'conflict', 'period_closed'],
  public: true,
});

const periodOperation = (action: 'close' | 'reopen') =>
  defineOperation({
    method: 'POST',
    path: `/api/v1/organizations/{org}/periods/{period}/${action}`,
    summary: action === 'close' ? 'Close a period: no new entries dated inside it' : 'Reopen a closed period',
    description: 'Optional body `{reason}` (1–500 characters): why, recorded with the audited event and shown in the periods list.',
    auth: 'bearer',
    params: periodParams,
    body: { kind: 'optional-json', schema: periodChangeInput },
    responses: { 200: { description: '{period, status}', json: periodResult } },
    errors: ['not_found', 'forbidden', 'conflict', 'validation_failed'],
    public: true,
  });

export const closePeriod = periodOperation('close');
export const reopenPeriod = periodOperation('reopen');

export const closePeriodsThrough = defineOperation({
  method: 'POST',
  path: '/api/v1/organizations/{org}/periods/close-through',
  summary: 'Close every open month from the first one through `through`',
  description:
    "One transaction: each open month from the organization's first month (its first entry or its creation) through `through` is closed, with its own audited event. 409 when all of them are closed already.",
  auth: 'bearer',
  params: orgParams,
  body: { kind: 'json', schema: closeThroughInput },
  responses: {
    200: {
      description: '{through, closed, sequence}',
      json: z.object({ through: z.string(), closed: z.array(z.string()), sequence }).meta({ id: 'ClosedThrough' }),
    },
  },
  errors: ['not_found', 'forbidden', 'conflict', 'validation_failed'],
  public: true,
});

export const verifyLedger = defineOperation({
  method: 'GET',
  path: '/api/v1/organizations/{org}/ledger/verification',
  summary: "Recompute the organization's ledger hash chain from the journal and compare it with the stored chain",
  auth: 'bearer',
  params: orgParams,
  responses: {
    200: {
      description: 'ok is false when an event or journal row no longer matches its hash; firstBrokenSequence names the first',
      json: z
        .object({
          ok: z.boolean(),
          events: z.number().int(),
          headSequence: sequence.nullable(),
          headHash: ledgerHashString.nullable(),
          firstBrokenSequence: sequence.optional(),
        })
        .meta({ id: 'LedgerVerification' }),
    },
  },
  errors: ['not_found'],
  public: true,
});
