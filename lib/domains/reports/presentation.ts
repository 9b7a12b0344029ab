// How an organization wants its reports shown: the number format of its PDFs and pages, and
// the paper of its PDFs when a download names none (organization settings, issue 15). A
// presentation choice, not part of the document: changing it re-renders, never rebuilds,
// and it is part of the PDF's ETag (files.ts).
import type { PrismaClient } from '../../adapters/db/prisma';
import type { PaperSize } from '../../adapters/pdf/report-pdf';
import { isNumberFormat, type NumberFormat } from '../money/money';

export interface ReportPresentation {
  numberFormat: NumberFormat;
  paper: PaperSize;
}

export const DEFAULT_PRESENTATION: ReportPresentation = { numberFormat: 'en', paper: 'A4' };

/** The organization's settings (the defaults for an unknown organization: its caller answers 404 anyway). */
export async function loadReportPresentation(prisma: PrismaClient, organizationId: string): Promise<ReportPresentation> {
  const row = await prisma.organization.findUnique({
    where: { id: organizationId },
    select: { numberFormat: true, paperSize: true },
  });
  return row ? toPresentation(row) : DEFAULT_PRESENTATION;
}

/** Database values → settings; the CHECK constraints make anything else impossible, the defaults make it harmless. */
export function toPresentation(row: { numberFormat: string; paperSize: string }): ReportPresentation {
  return {
    numberFormat: isNumberFormat(row.numberFormat) ? row.numberFormat : 'en',
    paper: row.paperSize === 'LETTER' ? 'LETTER' : 'A4',
  };
}
