// pdfkit's built-in Helvetica cannot print "Łódź"; an embedded Unicode TTF (DejaVu, from
// the dejavu-fonts-ttf npm package) can. Font files are read once per process.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface Fonts {
  regular: Buffer;
  bold: Buffer;
}

let cached: Fonts | undefined;

function fontDir(): string {
  // Resolved from the project root at run time (the Next.js server bundle has no usable
  // require.resolve for data files); CLOSEBOOK_FONT_DIR overrides for other layouts.
  return process.env.CLOSEBOOK_FONT_DIR ?? path.join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf');
}

export function loadFonts(): Fonts {
  cached ??= {
    regular: readFileSync(path.join(fontDir(), 'DejaVuSans.ttf')),
    bold: readFileSync(path.join(fontDir(), 'DejaVuSans-Bold.ttf')),
  };
  return cached;
}
