// One line of text in a report's table, drawn without pdfkit's text pipeline. A general
// ledger month is tens of thousands of rows of six short cells; pdfkit lays out every one
// of them with fontkit's OpenType shaping and its line wrapper, which was most of the
// render time (a 1,800-page ledger took 15 s). Table cells are Latin text and figures:
// each character maps to one glyph on its own, so a per-font character → glyph cache gives
// the glyph IDs and widths, and the cell is written as one text-showing operator.
//
// Anything else — a character outside the scripts cached here (combining marks, scripts
// that shape), text that must wrap — is left to pdfkit (`null` / `false` below). This
// reaches into pdfkit's font objects (`_font`, `_fontSize`, `encode`, `ref`), as
// page-numbers.ts does; the glyphs it uses are registered in the font's subset by `encode`.

interface FontkitGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

interface PdfkitFont {
  id: string;
  ascender: number;
  /** The parsed fontkit font (shared by every document of the process: fonts.ts parses it once). */
  font: object;
  scale: number;
  subset: { includeGlyph(glyphId: number): number };
  widths: number[];
  unicode: number[][];
  ref(): PDFKit.PDFKitReference;
  lineHeight(size: number, includeGap?: boolean): number;
  layout(text: string): { glyphs: FontkitGlyph[]; positions: { xAdvance: number }[] };
}

/**
 * A character's glyph in a font, the same in every document: looked up (shaped) once per
 * process, not once per PDF. null: drawn by pdfkit.
 */
interface FontGlyph {
  glyph: FontkitGlyph;
  advance: number;
}
const fontGlyphs = new WeakMap<object, Map<string, FontGlyph | null>>();

function fontGlyph(font: PdfkitFont, character: string): FontGlyph | null {
  let known = fontGlyphs.get(font.font);
  if (!known) fontGlyphs.set(font.font, (known = new Map<string, FontGlyph | null>()));
  let found = known.get(character);
  if (found === undefined) {
    found = null;
    if (simple(character.codePointAt(0) ?? 0)) {
      const { glyphs, positions } = font.layout(character);
      if (glyphs.length === 1 && glyphs[0] && positions[0]) found = { glyph: glyphs[0], advance: positions[0].xAdvance };
    }
    known.set(character, found);
  }
  return found;
}

interface Glyph {
  hex: string;
  /** Advance in thousandths of the font size. */
  advance: number;
}

interface Internals {
  _font: PdfkitFont;
  _fontSize: number;
  page: { height: number };
}

/** Characters drawn glyph by glyph: Latin (with precomposed accents), general punctuation, the euro sign. */
function simple(codePoint: number): boolean {
  return (codePoint >= 0x20 && codePoint < 0x300) || (codePoint >= 0x2000 && codePoint < 0x2070) || codePoint === 0x20ac;
}

export interface FastText {
  /** The width of `text` in the current font and size, or null when pdfkit must measure it. */
  width(text: string): number | null;
  /**
   * Draws `text` on one line with its top at `y`, starting at `x` (or ending at `right`):
   * what `pdf.text(text, x, y, { lineBreak: false })` draws. False when pdfkit must draw it.
   */
  draw(text: string, x: number, y: number, align?: { right: number }): boolean;
  /**
   * `text` broken into lines no wider than `width` at its spaces (greedy, as a reader
   * expects), or null when pdfkit must do it (a word wider than the column, a character
   * not cached here). Measuring and drawing a cell both use it, so they agree.
   */
  lines(text: string, width: number): string[] | null;
  /** The distance between two wrapped lines' tops, as pdfkit advances them. */
  lineAdvance(lineGap: number): number;
}

export function fastText(pdf: PDFKit.PDFDocument): FastText {
  const internals = pdf as unknown as Internals;
  const caches = new Map<string, Map<string, Glyph | null>>();

  const glyphs = (text: string): { font: PdfkitFont; glyphs: Glyph[]; advance: number } | null => {
    const font = internals._font;
    let cache = caches.get(font.id);
    if (!cache) caches.set(font.id, (cache = new Map<string, Glyph | null>()));
    const result: Glyph[] = [];
    let advance = 0;
    for (const character of text) {
      let glyph = cache.get(character);
      if (glyph === undefined) {
        const shared = fontGlyph(font, character);
        // This document's subset gets the glyph, as pdfkit's own encode() does it.
        if (shared) {
          const gid = font.subset.includeGlyph(shared.glyph.id);
          font.widths[gid] ??= shared.glyph.advanceWidth * font.scale;
          font.unicode[gid] ??= shared.glyph.codePoints;
          glyph = { hex: `0000${gid.toString(16)}`.slice(-4), advance: shared.advance };
        } else glyph = null;
        cache.set(character, glyph);
      }
      if (!glyph) return null;
      result.push(glyph);
      advance += glyph.advance;
    }
    return { font, glyphs: result, advance };
  };

  const widthOf = (text: string): number | null => {
    const shaped = glyphs(text);
    return shaped ? (shaped.advance / 1000) * internals._fontSize : null;
  };

  return {
    lines(text, width) {
      const whole = widthOf(text);
      if (whole === null) return null;
      if (whole <= width) return [text];
      const space = widthOf(' ') ?? 0;
      const lines: string[] = [];
      let line = '';
      let lineWidth = 0;
      for (const word of text.split(' ')) {
        const wordWidth = widthOf(word);
        if (wordWidth === null || wordWidth > width) return null;
        if (line && lineWidth + space + wordWidth <= width) {
          line += ` ${word}`;
          lineWidth += space + wordWidth;
        } else {
          if (line) lines.push(line);
          line = word;
          lineWidth = wordWidth;
        }
      }
      lines.push(line);
      return lines;
    },
    lineAdvance: (lineGap) => internals._font.lineHeight(internals._fontSize, true) + lineGap,
    width(text) {
      const shaped = glyphs(text);
      return shaped ? (shaped.advance / 1000) * internals._fontSize : null;
    },
    draw(text, x, y, align) {
      const shaped = glyphs(text);
      if (!shaped) return false;
      if (shaped.glyphs.length === 0) return true;
      const size = internals._fontSize;
      const page = internals.page;
      const fonts = (page as unknown as { fonts: Record<string, PDFKit.PDFKitReference | undefined> }).fonts;
      fonts[shaped.font.id] ??= shaped.font.ref();
      const left = align ? align.right - (shaped.advance / 1000) * size : x;
      const baseline = page.height - y - (shaped.font.ascender / 1000) * size;
      const hex = shaped.glyphs.map((glyph) => glyph.hex).join('');
      // pdfkit's pages draw in a flipped space (y down); text is set in PDF space, as pdfkit's own _fragment does.
      pdf.addContent(
        `q 1 0 0 -1 0 ${page.height} cm BT 1 0 0 1 ${num(left)} ${num(baseline)} Tm /${shaped.font.id} ${num(size)} Tf <${hex}> Tj ET Q`,
      );
      return true;
    },
  };
}

function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}
