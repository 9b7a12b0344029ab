// The reports domain's public surface for other domains (report runs): what a report is,
// how one is built from one snapshot of the books, and how it is named as a file. Other
// domains import this file, never the folders behind it (enforced by lint: see
// eslint.config.mjs), so the read side can be reorganised without touching them.
export { buildReport, loadReportInputs } from './commands/rebuild-report';
export { CURRENT_YEAR_EARNINGS, reportChanges, type EntryLineAfter, type ReportChanges } from './changes';
export type { ReportDocument } from './documents';
export { csvTextField } from './exports/csv';
export { safeFileName } from './exports/file-names';
export { reportFilename } from './files';
export { derivedObjectId, parseReportId } from './ids';
export { deleteLineChunks, prepareReport, withLines, writeChunks } from './line-chunks';
export { loadReportPresentation } from './presentation';
export { REPORT_TITLES, REPORT_TYPES, type ReportType } from './types';
