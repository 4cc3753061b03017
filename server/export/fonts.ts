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

/** A font as parsed by fontkit (pdfkit's font engine): handed to pdfkit as is, and asked about its glyphs. */
export type ParsedFont = {
  layout: (text: string) => unknown;
  unitsPerEm: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
  glyphForCodePoint(codePoint: number): { advanceWidth: number };
};

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

let coverage: Map<number, boolean> | undefined;

/** Whether both DejaVu Sans faces draw a code point (shared/report/glyphs.ts replaces those they do not). */
export function fontCovers(codePoint: number): boolean {
  coverage ??= new Map();
  let known = coverage.get(codePoint);
  if (known === undefined) {
    const fonts = pdfFonts();
    known = fonts.regular.hasGlyphForCodePoint(codePoint) && fonts.bold.hasGlyphForCodePoint(codePoint);
    coverage.set(codePoint, known);
  }
  return known;
}

/**
 * The width of a text in DejaVu Sans, in points at `size`: the glyphs' advance widths, without
 * kerning (a little wider than laid out, which is the safe side for column widths).
 */
const advances = { regular: new Map<string, number>(), bold: new Map<string, number>() };

export function textWidth(text: string, size: number, bold: boolean): number {
  const font = bold ? pdfFonts().bold : pdfFonts().regular;
  const cache = bold ? advances.bold : advances.regular;
  let units = 0;
  for (const c of text) {
    let advance = cache.get(c);
    if (advance === undefined) cache.set(c, (advance = font.glyphForCodePoint(c.codePointAt(0)!).advanceWidth));
    units += advance;
  }
  return (units * size) / font.unitsPerEm;
}
