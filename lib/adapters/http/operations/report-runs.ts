// Contracts of end-of-period report runs and their snapshots.
import { z } from 'zod';
import { retryRunInput } from '../../../domains/report-runs/commands/retry-run';
import { startRunInput } from '../../../domains/report-runs/commands/start-run';
import { browserTwin, defineOperation } from '../operation';
import { amount, dateTime, idParam, ledgerHashString, periodString, reportDocument, reportTypeSchema, uuid } from './schemas';

const runParams = z.object({ id: idParam('Run ID (UUID)') });
const snapshotParams = z.object({ id: idParam('Snapshot ID') });
const runStatus = z.enum(['running', 'completed', 'completed_with_failures']);
const itemStatus = z.enum(['pending', 'done', 'failed']);
const nullableInt = z.number().int().nullable();

export const listReportRuns = defineOperation({
  method: 'GET',
  path: '/api/v1/report-runs',
  summary: 'The newest report runs you can see (you are a member of every organization in them)',
  auth: 'bearer',
  query: z.object({
    limit: z
      .string()
      .optional()
      .transform((value) => {
        const limit = Number.parseInt(value ?? '20', 10);
        return Number.isNaN(limit) ? 20 : limit;
      })
      .meta({ type: 'integer', minimum: 1, maximum: 100, description: 'Default 20' }),
  }),
  responses: {
    200: {
      description: 'The runs, newest first',
      json: z.object({
        runs: z.array(
          z.object({
            id: uuid,
            period: z.string(),
            status: runStatus,
            organizationCount: z.number().int(),
            types: z.array(reportTypeSchema),
            total: z.number().int(),
            done: z.number().int(),
            failed: z.number().int(),
            createdAt: dateTime,
            finishedAt: dateTime.nullable(),
          }),
        ),
      }),
    },
  },
  public: true,
});

const startedRun = z.object({ id: uuid, created: z.boolean(), links: z.object({ self: z.string(), download: z.string() }) });

export const startReportRun = defineOperation({
  method: 'POST',
  path: '/api/v1/report-runs',
  summary: 'Start an end-of-period run: an immutable snapshot (document + PDF) of each report of each organization',
  auth: 'bearer',
  body: { kind: 'json', schema: startRunInput },
  responses: {
    202: { description: 'Started; follow Location', json: startedRun, headers: { Location: 'The run' } },
    200: {
      description: 'The same run (period, organizations, types) is already going; this is it',
      json: startedRun,
      headers: { Location: 'The run' },
    },
  },
  errors: ['forbidden', 'not_found'],
  public: true,
});

export const getReportRun = defineOperation({
  method: 'GET',
  path: '/api/v1/report-runs/{id}',
  summary: 'Progress of a run',
  auth: 'bearer',
  params: runParams,
  query: z.object({
    organizations: z
      .string()
      .optional()
      .transform((value) => value !== 'false')
      .meta({ enum: ['true', 'false'], description: 'false: the figures only (organizations: [])' }),
  }),
  responses: {
    200: {
      description: 'Progress',
      json: z.object({
        id: uuid,
        period: periodString,
        types: z.array(reportTypeSchema),
        closePeriod: z.boolean(),
        status: runStatus,
        createdAt: dateTime,
        createdBy: z.string().nullable(),
        finishedAt: dateTime.nullable(),
        total: z.number().int(),
        done: z.number().int(),
        failed: z.number().int(),
        pending: z.number().int(),
        ratePerSecond: z.number().nullable(),
        etaSeconds: z.number().nullable(),
        organizations: z.array(
          z.object({
            organizationId: uuid,
            name: z.string(),
            status: itemStatus,
            error: z.string().nullable(),
            changedSinceIssued: z.boolean(),
            snapshots: z.array(
              z.object({
                type: reportTypeSchema,
                title: z.string(),
                status: itemStatus,
                snapshotId: z.string().nullable(),
                asOfSequence: nullableInt,
                pages: nullableInt,
                bytes: nullableInt,
                sha256: z.string().nullable(),
                ledgerHash: z.string().nullable(),
                attempts: z.number().int(),
                error: z.string().nullable(),
                finishedAt: dateTime.nullable(),
              }),
            ),
          }),
        ),
      }),
    },
  },
  errors: ['not_found'],
  public: true,
});

/** The run page's live progress (session cookie). */
export const reportRunProgress = browserTwin(getReportRun, { path: '/runs/{id}/progress' });

export const downloadReportRun = defineOperation({
  method: 'GET',
  path: '/api/v1/report-runs/{id}/download',
  summary: 'The run as a ZIP, streamed: "<Organization>/<YYYY-MM> <Report>.pdf" for every finished snapshot, plus index.csv of every item',
  auth: 'bearer',
  params: runParams,
  responses: { 200: { description: 'The ZIP', file: 'application/zip', headers: { 'Content-Disposition': 'attachment' } } },
  errors: ['not_found'],
  public: true,
});

/** The browser's ZIP download (session cookie). */
export const reportRunZip = browserTwin(downloadReportRun, { path: '/runs/{id}/zip', unauthorizedMessage: 'Sign in to download reports' });

export const retryReportRun = defineOperation({
  method: 'POST',
  path: '/api/v1/report-runs/{id}/retry',
  summary: 'Run the failed organizations again (all of them, or those listed); no body at all means all',
  auth: 'bearer',
  params: runParams,
  body: { kind: 'optional-json', schema: retryRunInput },
  responses: { 202: { description: 'Organizations queued again', json: z.object({ retried: z.number().int() }) } },
  errors: ['not_found', 'forbidden', 'conflict'],
  public: true,
});

export const getReportSnapshot = defineOperation({
  method: 'GET',
  path: '/api/v1/report-snapshots/{id}',
  summary: 'The frozen report document of a run, with its PDF size and SHA-256',
  auth: 'bearer',
  params: snapshotParams,
  responses: {
    200: {
      description: 'The snapshot',
      json: z.object({
        id: z.string(),
        runId: uuid,
        organizationId: uuid,
        type: reportTypeSchema,
        period: periodString,
        asOfSequence: z.number().int(),
        ledgerHash: ledgerHashString.nullable(),
        createdAt: dateTime,
        pdf: z.object({ bytes: z.number().int(), pages: z.number().int(), sha256: z.string() }),
        document: reportDocument,
      }),
    },
  },
  errors: ['not_found'],
  public: true,
});

export const getReportSnapshotPdf = defineOperation({
  method: 'GET',
  path: '/api/v1/report-snapshots/{id}/pdf',
  summary: 'The PDF exactly as the run produced it (ETag = its SHA-256, cacheable for good)',
  auth: 'bearer',
  params: snapshotParams,
  headers: { 'If-None-Match': { description: 'The ETag of an earlier download: 304 (it never changes)' } },
  responses: {
    200: { description: 'The PDF', file: 'application/pdf', headers: { ETag: 'The SHA-256 of the file' } },
    304: { description: 'Not modified' },
  },
  errors: ['not_found'],
  public: true,
});

/** One snapshot's PDF in the browser (session cookie). */
export const snapshotPdf = browserTwin(getReportSnapshotPdf, {
  path: '/snapshots/{id}/pdf',
  unauthorizedMessage: 'Sign in to download reports',
});

const changedEntry = z.object({ id: uuid, sequence: z.number().int(), date: z.string(), memo: z.string(), createdAt: dateTime });

export const getReportSnapshotChanges = defineOperation({
  method: 'GET',
  path: '/api/v1/report-snapshots/{id}/changes',
  summary: 'What changed since the snapshot was issued: accounts whose figure differs from today’s report, and the postings that did it',
  auth: 'bearer',
  params: snapshotParams,
  responses: {
    200: {
      description:
        'Figures per account (trial balance: debit − credit; income statement: the period amount; balance sheet: the amount; general ledger: the closing balance)',
      json: z
        .object({
          snapshotId: z.string(),
          organizationId: uuid,
          organizationName: z.string(),
          type: reportTypeSchema,
          title: z.string(),
          period: periodString,
          currency: z.string(),
          snapshotAsOf: z.number().int(),
          liveAsOf: z.number().int(),
          snapshotLedgerHash: ledgerHashString.nullable(),
          liveLedgerHash: ledgerHashString.nullable(),
          accounts: z.array(
            z.object({
              accountCode: z.string(),
              accountName: z.string(),
              snapshot: amount,
              live: amount,
              difference: amount,
              entries: z.array(changedEntry),
            }),
          ),
        })
        .meta({ id: 'SnapshotChanges' }),
    },
  },
  errors: ['not_found'],
  public: true,
});

export const getReportSnapshotChangesPdf = defineOperation({
  method: 'GET',
  path: '/api/v1/report-snapshots/{id}/changes/pdf',
  summary: '"Changes since issued" as a PDF to send to the client',
  auth: 'bearer',
  params: snapshotParams,
  responses: { 200: { description: 'The PDF', file: 'application/pdf' } },
  errors: ['not_found'],
  public: true,
});

/** The changes PDF in the browser (session cookie). */
export const snapshotChangesPdf = browserTwin(getReportSnapshotChangesPdf, {
  path: '/snapshots/{id}/changes/pdf',
  unauthorizedMessage: 'Sign in to download reports',
});
