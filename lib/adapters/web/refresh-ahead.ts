// Refresh ahead: when a report this process has been serving is rebuilt, render its new
// version now, before anyone asks. The rebuild's notification (report:{id}) reaches this
// process about when the lookup starts answering upToDate, so the first download after a
// rebuild — the accountant who posted and waits for the report, or everybody on reporting
// day — joins a render that is already under way (FileCache.produceLive / produce are
// single-flight by ETag) instead of starting one: for a 1,800-page general ledger, the
// document is already loaded and the first pages drawn.
//
// Only files that were downloaded recently are refreshed (the variants this process served,
// a bounded map), so an organization nobody reads costs no renders. A refresh never takes a
// render slot a download would need: it is skipped when the slots are nearly all taken, and
// any failure is dropped — the download path renders on its own as before.
import type { AppContext } from '../../context';
import type { ReportFormat } from '../../domains/reports/files';
import { fileVariant, reportEtag } from '../../domains/reports/files';
import { parseReportId } from '../../domains/reports/ids';
import type { ReportPresentation } from '../../domains/reports/presentation';
import { renderReportFile, streamReportPdf } from '../../domains/reports/queries/get-report-file';
import { findReportHeader } from '../../domains/reports/store';
import { logger } from '../observability/logger';

interface Variant {
  format: ReportFormat;
  presentation: ReportPresentation;
}

export interface RefreshAhead {
  /** A file of `reportId` was served in this variant. */
  served(reportId: string, format: ReportFormat, presentation: ReportPresentation): void;
  /** `reportId` was rebuilt (its invalidation arrived): render what was being served. */
  changed(reportId: string): void;
  /** Refreshes under way (for tests). */
  readonly running: number;
}

const perContext = new WeakMap<AppContext, RefreshAhead>();

/** The process's refresher for `ctx` (one per AppContext, made on first use). */
export function refreshAheadFor(ctx: AppContext): RefreshAhead {
  let refresher = perContext.get(ctx);
  if (!refresher) perContext.set(ctx, (refresher = createRefreshAhead(ctx)));
  return refresher;
}

export function createRefreshAhead(ctx: AppContext, options: { maxReports?: number } = {}): RefreshAhead {
  const maxReports = options.maxReports ?? 5_000;
  const served = new Map<string, Map<string, Variant>>();
  let running = 0;

  const refresh = async (objectIdHex: string, variant: Variant) => {
    const objectId = parseReportId(objectIdHex);
    if (!objectId) return;
    const header = await findReportHeader(ctx.db, objectId);
    if (!header) return;
    const etag = reportEtag(header, fileVariant(variant.format, variant.presentation));
    if (ctx.fileCache.get(etag)) return;
    const target = { ...ctx, objectId, etag, presentation: variant.presentation };
    if (variant.format === 'pdf') await streamReportPdf(target).whole();
    else await renderReportFile({ ...target, format: variant.format });
  };

  return {
    served(reportId, format, presentation) {
      let variants = served.get(reportId);
      if (variants) served.delete(reportId);
      else variants = new Map();
      // Most recently served last: the oldest report is the first to go when the map is full.
      served.set(reportId, variants);
      variants.set(fileVariant(format, presentation), { format, presentation });
      if (served.size > maxReports) served.delete(served.keys().next().value ?? '');
    },
    changed(reportId) {
      const variants = served.get(reportId);
      if (!variants) return;
      for (const variant of variants.values()) {
        // Leave a slot free for the downloads themselves.
        const { rendering, maxRendering } = ctx.fileCache.stats();
        if (rendering >= maxRendering - 1) return;
        running += 1;
        refresh(reportId, variant)
          .catch((error: unknown) => logger().debug({ err: error, reportId }, 'refresh ahead dropped'))
          .finally(() => (running -= 1));
      }
    },
    get running() {
      return running;
    },
  };
}
