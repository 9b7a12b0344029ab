// A report as a file: its formats, its ETag and its file name (the vocabulary of every
// download: the route, the hot path, report-run archives).
import { RENDERER_VERSION } from '../../adapters/pdf/report-pdf';
import type { ReportDocument } from './documents';
import { safeFileName } from './exports/file-names';
import { REPORT_TITLES } from './types';

export function reportEtag(document: Pick<ReportDocument, 'id' | 'asOfSequence' | 'schemaVersion' | 'builtAt'>, variant: string): string {
  return `"${document.id}.${document.asOfSequence}.${document.schemaVersion}.${Date.parse(document.builtAt).toString(36)}.r${RENDERER_VERSION}.${variant}"`;
}

/** What a file's bytes depend on besides the document: for a PDF, its paper and number format. */
export function fileVariant(format: ReportFormat, presentation: { paper: string; numberFormat: string }): string {
  return format === 'pdf' ? `pdf-${presentation.paper}-${presentation.numberFormat}` : format;
}

export const REPORT_FORMATS = {
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type ReportFormat = keyof typeof REPORT_FORMATS;

export function isReportFormat(value: string): value is ReportFormat {
  return Object.hasOwn(REPORT_FORMATS, value);
}

/** "Acme Ltd 2026-10 Balance sheet.pdf": what an accountant expects to find in Downloads. */
export function reportFilename(document: Pick<ReportDocument, 'organizationName' | 'period' | 'type'>, format: ReportFormat): string {
  return `${safeFileName(document.organizationName)} ${document.period} ${REPORT_TITLES[document.type]}.${format}`;
}

/** Whether an If-None-Match header names `etag` (or is `*`): the request gets 304. */
export function etagMatches(ifNoneMatch: string | null | undefined, etag: string): boolean {
  return ifNoneMatch?.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*') ?? false;
}
