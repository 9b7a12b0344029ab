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
  return parsed;
}
