// A pdfkit document as every Closebook PDF starts it: the embedded DejaVu fonts (parsed
// once per process), buffered pages (a "page X of Y" footer needs the total, known only at
// the end) and the bytes collected in memory.
import PDFDocument from 'pdfkit';
import { loadFonts } from './fonts';
import type { PaperSize, RenderedPdf } from './report-pdf';

export const MARGIN = 48;
export const FOOTER_GAP = 28;

export interface OpenPdf {
  pdf: PDFKit.PDFDocument;
  /** Ends the document; resolves with its bytes and page count. */
  finish: () => Promise<RenderedPdf>;
}

export function openPdf(paper: PaperSize, info: { Title: string; Subject?: string }): OpenPdf {
  const fonts = loadFonts();
  const pdf = new PDFDocument({
    size: paper,
    margins: { top: MARGIN, bottom: MARGIN + FOOTER_GAP, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { ...info, Author: 'Closebook' },
  });
  // pdfkit 0.20 accepts a parsed fontkit font (its PDFFontFactory checks for `.layout`);
  // @types/pdfkit only lists file sources, hence the cast.
  pdf.registerFont('regular', fonts.regular as unknown as PDFKit.Mixins.PDFFontSource);
  pdf.registerFont('bold', fonts.bold as unknown as PDFKit.Mixins.PDFFontSource);
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  return {
    pdf,
    finish: () => {
      const pages = pdf.bufferedPageRange().count;
      const done = new Promise<RenderedPdf>((resolve, reject) => {
        pdf.on('end', () => resolve({ bytes: Buffer.concat(chunks), pages }));
        pdf.on('error', reject);
      });
      pdf.end();
      return done;
    },
  };
}
