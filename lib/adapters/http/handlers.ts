// Handlers served at two URLs: the bearer-token API route and its browser twin (session
// cookie, under the pages' folders). Written once here; each route file binds its own
// contract to one of them. Every other route binds its one lib/ call in its own file.
import { importJournalEntries } from '../../domains/ledger/commands/import-journal-entries';
import { getRunProgress } from '../../domains/report-runs/queries/get-run-progress';
import { getSnapshotPdf } from '../../domains/report-runs/queries/get-snapshot';
import { runZip } from '../../domains/report-runs/queries/run-zip';
import { getSnapshotChangesPdf } from '../../domains/report-runs/queries/snapshot-changes';
import { getIncomeStatementRangeFile } from '../../domains/reports/queries/get-income-statement-range-file';
import { getReportFile } from '../../domains/reports/queries/get-report-file';
import { jsonResponse } from './json';
import type * as ledger from './operations/ledger';
import type * as reports from './operations/reports';
import type * as runs from './operations/report-runs';
import { contentDisposition, immutableFileResponse, reportFileResponse, streamedFileResponse } from './report-file';
import type { RouteInput } from './route';

/** 201 imported, 422 problems listed (nothing imported), 200 a clean preview. */
export async function importJournalCsv({
  ctx,
  actor,
  params,
  query,
  body,
  requestId,
}: RouteInput<typeof ledger.importJournalEntries>): Promise<Response> {
  const result = await importJournalEntries({
    prisma: ctx.prisma,
    sql: ctx.sql,
    actor,
    organizationId: params.org,
    csv: body as string,
    dryRun: query.dryRun,
    now: ctx.now(),
    requestId,
  });
  return jsonResponse(result, { status: result.imported ? 201 : result.problems.length > 0 ? 422 : 200 });
}

export async function reportFile({ ctx, actor, params, query, request }: RouteInput<typeof reports.getReportFile>): Promise<Response> {
  const file = await getReportFile({
    prisma: ctx.prisma,
    db: ctx.db,
    actor,
    id: params.id,
    format: params.format,
    paper: query.paper,
    ifNoneMatch: request.headers.get('if-none-match'),
    renderer: ctx.renderer,
    fileCache: ctx.fileCache,
  });
  return reportFileResponse(file);
}

export async function incomeStatementRangeFile({
  ctx,
  actor,
  params,
  query,
  request,
}: RouteInput<typeof reports.getIncomeStatementRangeFile>): Promise<Response> {
  const file = await getIncomeStatementRangeFile({
    prisma: ctx.prisma,
    db: ctx.db,
    actor,
    organizationId: params.org,
    query,
    format: params.format,
    ifNoneMatch: request.headers.get('if-none-match'),
    renderer: ctx.renderer,
    fileCache: ctx.fileCache,
    now: ctx.now(),
  });
  return reportFileResponse(file);
}

export async function snapshotPdf({ ctx, actor, params, request }: RouteInput<typeof runs.getReportSnapshotPdf>): Promise<Response> {
  const file = await getSnapshotPdf({ prisma: ctx.prisma, db: ctx.db, actor, snapshotId: params.id });
  return immutableFileResponse(file.body, file.filename, 'application/pdf', file.sha256, request.headers.get('if-none-match'));
}

/** "Changes since issued" as a PDF: computed now, so never cached. */
export async function snapshotChangesPdf({ ctx, actor, params }: RouteInput<typeof runs.getReportSnapshotChangesPdf>): Promise<Response> {
  const file = await getSnapshotChangesPdf({
    prisma: ctx.prisma,
    db: ctx.db,
    actor,
    snapshotId: params.id,
    now: ctx.now(),
    renderer: ctx.renderer,
  });
  return new Response(new Uint8Array(file.body), {
    headers: {
      'content-type': 'application/pdf',
      'content-length': String(file.body.length),
      'content-disposition': contentDisposition(file.filename),
      'cache-control': 'private, no-store',
    },
  });
}

/** The run's ZIP (folder per organization + index.csv), streamed. */
export async function reportRunZip({ ctx, actor, params }: RouteInput<typeof runs.downloadReportRun>): Promise<Response> {
  const zip = await runZip({ prisma: ctx.prisma, db: ctx.db, actor, runId: params.id });
  return streamedFileResponse(zip.stream, zip.filename, 'application/zip');
}

export async function reportRunProgress({ ctx, actor, params, query }: RouteInput<typeof runs.getReportRun>): Promise<Response> {
  const progress = await getRunProgress({ prisma: ctx.prisma, actor, runId: params.id, organizations: query.organizations });
  return jsonResponse(progress, { headers: { 'cache-control': 'no-store' } });
}
