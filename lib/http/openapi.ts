// The OpenAPI description of /api/v1 (served at /api/v1/openapi.json). Kept next to the
// HTTP helpers and checked by an integration test against the routes that exist.
const problem = { $ref: '#/components/responses/Problem' };
const bearer = [{ bearer: [] }];
const idParam = (name: string, description: string) => ({ name, in: 'path', required: true, schema: { type: 'string' }, description });
const org = idParam('org', 'Organization ID (UUID)');
const amount = { type: 'string', pattern: '^\\d{1,15}(\\.\\d{1,2})?$', example: '1234.50' };

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Closebook API',
    version: '1.0.0',
    description:
      'Journal entries in, report documents and PDFs out. Errors are application/problem+json with a stable `code`. Amounts are decimal strings with at most 2 places; never numbers.',
  },
  servers: [{ url: '/api/v1' }],
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    responses: {
      Problem: {
        description: 'Error (problem+json)',
        content: {
          'application/problem+json': {
            schema: {
              type: 'object',
              required: ['type', 'title', 'status', 'code'],
              properties: {
                type: { type: 'string' },
                title: { type: 'string' },
                status: { type: 'integer' },
                code: {
                  type: 'string',
                  enum: [
                    'validation_failed',
                    'malformed_request',
                    'payload_too_large',
                    'unsupported_media_type',
                    'unbalanced_entry',
                    'unknown_account',
                    'inactive_account',
                    'period_closed',
                    'conflict',
                    'idempotency_conflict',
                    'not_found',
                    'unauthorized',
                    'forbidden',
                    'internal_error',
                  ],
                },
                errors: {
                  type: 'array',
                  items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
                },
              },
            },
          },
        },
      },
    },
    schemas: {
      JournalEntry: {
        type: 'object',
        required: ['date', 'memo', 'lines'],
        properties: {
          date: { type: 'string', format: 'date', description: 'From 1900-01-01 to the last day of the month 24 months ahead (else 422)' },
          memo: { type: 'string', maxLength: 500 },
          reference: { type: 'string', maxLength: 100 },
          lines: {
            type: 'array',
            minItems: 2,
            maxItems: 1000,
            items: {
              type: 'object',
              required: ['accountCode'],
              properties: { accountCode: { type: 'string' }, debit: amount, credit: amount, description: { type: 'string' } },
            },
          },
        },
      },
      Posted: { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, sequence: { type: 'integer' } } },
    },
  },
  paths: {
    '/tokens': {
      post: {
        summary: 'Exchange e-mail and password for a bearer token',
        requestBody: {
          content: {
            'application/json': { schema: { type: 'object', properties: { email: { type: 'string' }, password: { type: 'string' } } } },
          },
        },
        responses: { '201': { description: '{token, expiresAt}' }, '401': problem, '422': problem },
      },
    },
    '/organizations': {
      get: {
        security: bearer,
        summary: 'Organizations you are a member of',
        responses: { '200': { description: '{organizations: []}' }, '401': problem },
      },
      post: {
        security: bearer,
        summary: 'Create an organization (with a default chart of accounts); you become its admin',
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['name', 'baseCurrency'],
                properties: {
                  name: { type: 'string' },
                  baseCurrency: { type: 'string' },
                  fiscalYearStartMonth: { type: 'integer', minimum: 1, maximum: 12 },
                },
              },
            },
          },
        },
        responses: { '201': { description: '{id, name, baseCurrency, fiscalYearStartMonth, sequence}' }, '422': problem },
      },
    },
    '/organizations/{org}': {
      get: { security: bearer, parameters: [org], responses: { '200': { description: 'Organization with lastSequence' }, '404': problem } },
    },
    '/organizations/{org}/accounts': {
      get: { security: bearer, parameters: [org], responses: { '200': { description: '{accounts: []}' }, '404': problem } },
      post: {
        security: bearer,
        parameters: [org],
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['code', 'name', 'type'],
                properties: {
                  code: { type: 'string' },
                  name: { type: 'string' },
                  type: { enum: ['asset', 'liability', 'equity', 'revenue', 'expense'] },
                  isRetainedEarnings: { type: 'boolean' },
                },
              },
            },
          },
        },
        responses: { '201': { description: 'The account' }, '409': problem, '422': problem },
      },
    },
    '/organizations/{org}/journal-entries': {
      get: {
        security: bearer,
        summary: 'Journal entries, newest first, 50 per page',
        parameters: [
          org,
          { name: 'from', in: 'query', schema: { type: 'string', format: 'date' } },
          { name: 'to', in: 'query', schema: { type: 'string', format: 'date' } },
          { name: 'account', in: 'query', schema: { type: 'string' }, description: 'Only entries with a line on this account code' },
          { name: 'text', in: 'query', schema: { type: 'string' }, description: 'Memo or reference contains (case-insensitive)' },
          { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
        ],
        responses: {
          '200': { description: '{entries: [{id, date, memo, reference, sequence, isReversal, isReversed, total}], total, page, pages}' },
          '422': problem,
        },
      },
      post: {
        security: bearer,
        parameters: [org, { name: 'Idempotency-Key', in: 'header', schema: { type: 'string', maxLength: 200 } }],
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/JournalEntry' } } } },
        responses: {
          '201': { description: 'Posted', content: { 'application/json': { schema: { $ref: '#/components/schemas/Posted' } } } },
          '409': problem,
          '422': problem,
        },
      },
    },
    '/organizations/{org}/journal-entries/import': {
      post: {
        security: bearer,
        summary: 'Import a CSV of journal entries, all-or-nothing (entry,date,memo,reference,account,debit,credit,description)',
        parameters: [
          org,
          { name: 'dryRun', in: 'query', schema: { type: 'boolean' }, description: 'Check and list every problem; write nothing' },
        ],
        requestBody: { content: { 'text/csv': { schema: { type: 'string' } } } },
        responses: {
          '200': { description: 'Preview: {imported: false, entries, lines, problems: []}' },
          '201': { description: 'Imported: {imported: true, entries, lines, firstSequence, lastSequence}' },
          '422': { description: 'Problems listed per row; nothing was imported' },
        },
      },
    },
    '/organizations/{org}/journal-entries/{id}/reversal': {
      post: {
        security: bearer,
        parameters: [org, idParam('id', 'Journal entry ID')],
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['date'],
                properties: { date: { type: 'string', format: 'date', description: 'From 1900-01-01 to 24 months ahead' } },
              },
            },
          },
        },
        responses: { '201': { description: 'Reversing entry posted' }, '404': problem, '409': problem },
      },
    },
    '/organizations/{org}/periods/{period}/close': {
      post: {
        security: bearer,
        parameters: [org, idParam('period', 'YYYY-MM, from 1900-01 to 24 months ahead')],
        responses: { '200': { description: '{period, status}' }, '403': problem, '409': problem, '422': problem },
      },
    },
    '/organizations/{org}/periods/{period}/reopen': {
      post: {
        security: bearer,
        parameters: [org, idParam('period', 'YYYY-MM, from 1900-01 to 24 months ahead')],
        responses: { '200': { description: '{period, status}' }, '403': problem, '409': problem, '422': problem },
      },
    },
    '/organizations/{org}/reports': {
      get: {
        security: bearer,
        parameters: [
          org,
          {
            name: 'type',
            in: 'query',
            required: true,
            schema: { enum: ['trial-balance', 'balance-sheet', 'income-statement', 'general-ledger'] },
          },
          {
            name: 'period',
            in: 'query',
            required: true,
            schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
            description: 'YYYY-MM, from 1900-01 to 12 months ahead',
          },
        ],
        responses: {
          '200': {
            description:
              '{id, type, period, status, asOfSequence, builtAt, requiredSequence, upToDate, links}; a report never asked for is queued and answers status "pending"',
          },
          '404': problem,
          '422': problem,
        },
      },
    },
    '/reports/{id}': {
      get: {
        security: bearer,
        parameters: [idParam('id', 'Report ID')],
        responses: { '200': { description: 'The report document' }, '404': problem },
      },
    },
    '/reports/{id}/{format}': {
      get: {
        security: bearer,
        summary: 'The report as a file: PDF (A4 or US Letter), CSV (decimal strings) or XLSX (numbers with a 2-decimal format)',
        parameters: [
          idParam('id', 'Report ID'),
          { name: 'format', in: 'path', required: true, schema: { enum: ['pdf', 'csv', 'xlsx'] } },
          { name: 'paper', in: 'query', schema: { enum: ['a4', 'letter'] } },
          { name: 'If-None-Match', in: 'header', schema: { type: 'string' } },
        ],
        responses: {
          '200': { description: 'The file, with ETag and Content-Disposition' },
          '304': { description: 'Not modified' },
          '404': problem,
        },
      },
    },
    '/report-runs': {
      get: {
        security: bearer,
        summary: 'The newest report runs you can see (you are a member of every organization in them)',
        parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } }],
        responses: {
          '200': { description: '{runs: [{id, period, status, organizationCount, types, total, done, failed, createdAt, finishedAt}]}' },
        },
      },
      post: {
        security: bearer,
        summary: 'Start an end-of-period run: an immutable snapshot (document + PDF) of each report of each organization',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['period'],
                additionalProperties: false,
                properties: {
                  period: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
                  organizationIds: {
                    type: 'array',
                    items: { type: 'string', format: 'uuid' },
                    description: 'Default: every organization you are a member of',
                  },
                  types: {
                    type: 'array',
                    items: { enum: ['trial-balance', 'balance-sheet', 'income-statement', 'general-ledger'] },
                    description: 'Default: all four',
                  },
                  closePeriod: { type: 'boolean', description: 'Close the period in each organization first (admin role needed in each)' },
                },
              },
            },
          },
        },
        responses: {
          '202': { description: '{id, created: true, links}: started; follow Location' },
          '200': { description: '{id, created: false, links}: the same run (period, organizations, types) is already going; this is it' },
          '403': problem,
          '404': problem,
          '422': problem,
        },
      },
    },
    '/report-runs/{id}': {
      get: {
        security: bearer,
        parameters: [
          idParam('id', 'Run ID (UUID)'),
          {
            name: 'organizations',
            in: 'query',
            schema: { enum: ['true', 'false'] },
            description: 'false: the figures only (organizations: [])',
          },
        ],
        responses: {
          '200': {
            description:
              'Progress: {id, period, types, status (running | completed | completed_with_failures), total, done, failed, pending, ratePerSecond, etaSeconds, organizations: [{organizationId, name, status, error, snapshots: [{type, status, snapshotId, asOfSequence, pages, bytes, sha256, attempts, error}]}]}',
          },
          '404': problem,
        },
      },
    },
    '/report-runs/{id}/download': {
      get: {
        security: bearer,
        summary:
          'The run as a ZIP, streamed: "<Organization>/<YYYY-MM> <Report>.pdf" for every finished snapshot, plus index.csv of every item',
        parameters: [idParam('id', 'Run ID (UUID)')],
        responses: { '200': { description: 'application/zip' }, '404': problem },
      },
    },
    '/report-runs/{id}/retry': {
      post: {
        security: bearer,
        summary: 'Run the failed organizations again (all of them, or those listed)',
        parameters: [idParam('id', 'Run ID (UUID)')],
        requestBody: {
          content: {
            'application/json': {
              schema: { type: 'object', properties: { organizationIds: { type: 'array', items: { type: 'string', format: 'uuid' } } } },
            },
          },
        },
        responses: { '202': { description: '{retried: number of organizations queued again}' }, '404': problem, '409': problem },
      },
    },
    '/report-snapshots/{id}': {
      get: {
        security: bearer,
        parameters: [idParam('id', 'Snapshot ID')],
        responses: {
          '200': {
            description: '{id, runId, organizationId, type, period, asOfSequence, createdAt, pdf {bytes, pages, sha256}, document}',
          },
          '404': problem,
        },
      },
    },
    '/report-snapshots/{id}/pdf': {
      get: {
        security: bearer,
        parameters: [idParam('id', 'Snapshot ID')],
        responses: { '200': { description: 'The PDF exactly as the run produced it (ETag = its SHA-256)' }, '404': problem },
      },
    },
  },
} as const;
