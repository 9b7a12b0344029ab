// "Page X of Y" on a PDF whose pages leave the process before the last one is laid out.
// A long general ledger is streamed to the browser page by page (the first bytes of a
// 900-page month arrive while the rest is still being drawn), so Y is not known when a
// page's footer is drawn. Each page therefore draws its page number through a form
// XObject of its own: the page's content says "draw object N here", and the object's
// content — the text, right-aligned — is written at the end, once the total is known.
// PDF readers and pdftotext draw and extract it in place like any other text.
//
// This reaches into pdfkit's font objects (`_font`, `encode`, `ref`): pdfkit has no public
// API for form XObjects. The fonts are subset-embedded at `pdf.end()`, after `finish`
// has encoded the digits, so every glyph used here is in the subset.

interface PdfkitFont {
  id: string;
  ascender: number;
  ref(): PDFKit.PDFKitReference;
  encode(text: string): [string[], { xAdvance: number; advanceWidth: number }[]];
  widthOfString(text: string, size: number): number;
}

interface Placed {
  object: PDFKit.PDFKitReference;
  font: PdfkitFont;
  /** The right edge the text ends at, and its baseline, in PDF space (origin bottom left). */
  right: number;
  baseline: number;
  prefix: string;
}

export interface PageNumbers {
  /**
   * Reserves "{prefix}Page X of Y" on the current page, right-aligned at `right`, its top at
   * `top` (pdfkit's coordinates), in the current font, size and grey.
   */
  place(prefix: string, right: number, top: number): void;
  /** How many pages have their number placed. */
  readonly count: number;
  /** Writes every placed number, now that the total is known. Call once, before `pdf.end()`. */
  finish(): void;
}

const GREY = '0.333 0.333 0.333 rg';

export function deferredPageNumbers(pdf: PDFKit.PDFDocument, fontSize: number): PageNumbers {
  const placed: Placed[] = [];
  return {
    place(prefix, right, top) {
      const font = (pdf as unknown as { _font: PdfkitFont })._font;
      const page = pdf.page;
      const xobjects = (page as unknown as { xobjects: Record<string, PDFKit.PDFKitReference> }).xobjects;
      const object = pdf.ref({
        Type: 'XObject',
        Subtype: 'Form',
        BBox: [0, 0, page.width, page.height],
        Resources: { Font: { [font.id]: font.ref() } },
      });
      const name = `PageNo${placed.length + 1}`;
      xobjects[name] = object;
      // pdfkit's pages draw in a flipped space (y down); flip back so the object's content is plain PDF space.
      pdf.addContent(`q 1 0 0 -1 0 ${page.height} cm /${name} Do Q`);
      placed.push({ object, font, prefix, right, baseline: page.height - top - (font.ascender / 1000) * fontSize });
    },
    get count() {
      return placed.length;
    },
    finish() {
      const total = placed.length;
      placed.forEach((page, index) => {
        const text = `${page.prefix}Page ${index + 1} of ${total}`;
        const [glyphs, positions] = page.font.encode(text);
        // Kerning as pdfkit writes it: each glyph, then the difference between its advance and its width.
        const shown = glyphs.map((glyph, at) => {
          const position = positions[at];
          const kern = position ? position.xAdvance - position.advanceWidth : 0;
          return kern ? `<${glyph}> ${fixed(-kern)}` : `<${glyph}>`;
        });
        const x = page.right - page.font.widthOfString(text, fontSize);
        page.object.end(
          `BT /${page.font.id} ${fixed(fontSize)} Tf ${GREY} 1 0 0 1 ${fixed(x)} ${fixed(page.baseline)} Tm [${shown.join(' ')}] TJ ET`,
        );
      });
    },
  };
}

function fixed(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
