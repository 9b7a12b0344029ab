// Refresh ahead: when a report this process has been serving is rebuilt, render its new
// version now, before anyone asks. The rebuild's notification (report:{id}) reaches this
// process about when the lookup starts answering upToDate, so the first download after a
// rebuild — the accountant who posted and waits for the report, or everybody on reporting
// day — joins a render that is already under way (FileCache.produceLive / produce are
// single-flight by ETag) instead of starting one: for a 1,800-page general ledger, the
// document is already loaded and the first pages drawn.
//
// Only files that were downloaded recently are refreshed (the variants this process served,
// a bounded map), so an organization nobody reads costs no renders. Refreshes run one at a
// time on a render thread of their own, so a backdated posting that rebuilds sixteen months
// of 1,700-page ledgers never queues a download behind them (bench:downloads saw exactly
// that: every render slot and the one render thread taken, downloads answered 503); a
// refresh is skipped when the render slots are nearly all taken, and any failure is
// dropped — the download path renders on its own as before.
import { RecencyMap } from '../cache/recency-map';
import type { AppContext } from '../../context';
import type { ReportFormat } from '../../domains/reports/files';
import { fileVariant, reportEtag } from '../../domains/reports/files';
import { parseReportId } from '../../domains/reports/ids';
import type { ReportPresentation } from '../../domains/reports/presentation';
import { renderReportFile, streamReportPdf } from '../../domains/reports/queries/get-report-file';
import { findReportHeader } from '../../domains/reports/store';
import { logger } from '../observability/logger';
import { createLazyPdfRenderer } from '../pdf/render-pool';

interface Variant {
  format: ReportFormat;
  presentation: ReportPresentation;
}

export interface RefreshAhead {
  /** A file of `reportId` was served in this variant. */
  /** `variant`: fileVariant(format, presentation), when the caller has it already. */
  served(reportId: string, format: ReportFormat, presentation: ReportPresentation, variant?: string): void;
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
  // Most recently served last (recency-map.ts): the oldest report is the first to go when full.
  const served = new RecencyMap<Map<string, Variant>>();
  // Refreshes wait their turn, one at a time, on a render thread of their own: downloads keep
  // the process's render threads and all but one render slot. A report queued twice (two
  // rebuilds in a row) is refreshed once, at its newest version.
  const background = createLazyPdfRenderer({ threads: 1 });
  const queue = new Map<string, { reportId: string; variant: Variant }>();
  let running = 0;

  const refresh = async (reportId: string, variant: Variant) => {
    const objectId = parseReportId(reportId);
    if (!objectId) return;
    const header = await findReportHeader(ctx.db, objectId);
    if (!header) return;
    const etag = reportEtag(header, fileVariant(variant.format, variant.presentation));
    if (ctx.fileCache.get(etag) || ctx.fileCache.live(etag)) return;
    const { rendering, maxRendering } = ctx.fileCache.stats();
    if (rendering >= maxRendering - 1) return;
    const target = { ...ctx, renderer: background, objectId, etag, presentation: variant.presentation };
    if (variant.format === 'pdf') await streamReportPdf(target).whole();
    else await renderReportFile({ ...target, format: variant.format });
  };

  const next = () => {
    if (running > 0) return;
    const [key, item] = queue.entries().next().value ?? [];
    if (!key || !item) return;
    queue.delete(key);
    running += 1;
    refresh(item.reportId, item.variant)
      .catch((error: unknown) => logger().debug({ err: error, reportId: item.reportId }, 'refresh ahead dropped'))
      .finally(() => {
        running -= 1;
        next();
      });
  };

  return {
    served(reportId, format, presentation, variant) {
      let variants = served.get(reportId);
      if (!variants) {
        served.set(reportId, (variants = new Map<string, Variant>()));
        const oldest = served.size > maxReports ? served.oldest() : undefined;
        if (oldest) served.delete(oldest[0]);
      }
      const name = variant ?? fileVariant(format, presentation);
      if (!variants.has(name)) variants.set(name, { format, presentation });
    },
    changed(reportId) {
      const variants = served.get(reportId);
      if (!variants) return;
      for (const [name, variant] of variants) queue.set(`${reportId}:${name}`, { reportId, variant });
      next();
    },
    get running() {
      return running + queue.size;
    },
  };
}
