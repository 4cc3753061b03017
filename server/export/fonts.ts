import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * DejaVu Sans, shipped with the app (dejavu-fonts-ttf): it has every Polish letter, so a
 * report reads the same on a machine without any fonts installed. Embedded in DOCX and PDF,
 * and loaded by resvg for the pictures.
 */
const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export const FONT_FILES = {
  regular: path.join(dir, 'DejaVuSans.ttf'),
  bold: path.join(dir, 'DejaVuSans-Bold.ttf'),
} as const;

let cache: { regular: Buffer; bold: Buffer } | undefined;

/** The font files' bytes, read once. */
export function fontData(): { regular: Buffer; bold: Buffer } {
  cache ??= { regular: fs.readFileSync(FONT_FILES.regular), bold: fs.readFileSync(FONT_FILES.bold) };
  return cache;
}

/** A font as parsed by fontkit (pdfkit's font engine); opaque here, handed to pdfkit as is. */
export type ParsedFont = { layout: (text: string) => unknown };

let parsed: { regular: ParsedFont; bold: ParsedFont } | undefined;

/**
 * DejaVu Sans parsed once for every PDF. pdfkit would otherwise parse the font files (and
 * their large kerning tables) again for each document, which took most of a report's time.
 * pdfkit accepts an already parsed fontkit font; fontkit is loaded from pdfkit's own
 * dependencies, so it is always the version pdfkit expects.
 */
export function pdfFonts(): { regular: ParsedFont; bold: ParsedFont } {
  if (!parsed) {
    const fontkit = createRequire(createRequire(import.meta.url).resolve('pdfkit'))('fontkit') as { create(data: Uint8Array): ParsedFont };
    const data = fontData();
    parsed = { regular: fontkit.create(data.regular), bold: fontkit.create(data.bold) };
  }
  return parsed;
}
