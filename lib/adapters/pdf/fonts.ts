// pdfkit's built-in Helvetica cannot print "Łódź"; an embedded Unicode TTF (DejaVu, from
// the dejavu-fonts-ttf npm package) can. Font files are read once per process.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';

// Parsed fontkit fonts (pdfkit accepts them directly): parsing DejaVu takes tens of
// milliseconds, so it happens once per process, not once per PDF.
export interface Fonts {
  regular: fontkit.Font;
  bold: fontkit.Font;
}

let cached: Fonts | undefined;

function fontDir(): string {
  // Resolved from the project root at run time (the Next.js server bundle has no usable
  // require.resolve for data files); CLOSEBOOK_FONT_DIR overrides for other layouts.
  return process.env.CLOSEBOOK_FONT_DIR ?? path.join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf');
}

export function loadFonts(): Fonts {
  cached ??= {
    regular: parseFont(path.join(fontDir(), 'DejaVuSans.ttf')),
    bold: parseFont(path.join(fontDir(), 'DejaVuSans-Bold.ttf')),
  };
  return cached;
}

function parseFont(file: string): fontkit.Font {
  const parsed = fontkit.create(readFileSync(file));
  if (!('layout' in parsed)) throw new Error(`${file} is a font collection, not a single font`);
  return withSubsetCache(parsed);
}

/** Embedded subsets kept per font (each a few tens of KB). */
const SUBSETS_KEPT = 64;

/**
 * Every PDF embeds the subset of the font's glyphs it uses, and encoding that subset (glyph
 * by glyph, from the font's tables) was half the time of a one-page report. The bytes
 * depend only on the glyphs in the order the PDF used them, so a report re-rendered after a
 * posting (same names, same digits) reuses the bytes its previous version embedded.
 */
function withSubsetCache(font: fontkit.Font): fontkit.Font {
  const encoded = new Map<string, Uint8Array>();
  const createSubset = font.createSubset.bind(font);
  font.createSubset = () => {
    const subset = createSubset();
    const internals = subset as unknown as { glyphs: number[]; encode(): Uint8Array };
    const encode = internals.encode.bind(subset);
    internals.encode = () => {
      const key = internals.glyphs.join(',');
      const hit = encoded.get(key);
      if (hit) {
        encoded.delete(key);
        encoded.set(key, hit);
        return hit;
      }
      const bytes = encode();
      encoded.set(key, bytes);
      if (encoded.size > SUBSETS_KEPT) encoded.delete(encoded.keys().next().value ?? '');
      return bytes;
    };
    return subset;
  };
  return font;
}
