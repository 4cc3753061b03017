/**
 * Text for SVG pictures: escaping and word wrapping. SVG has no automatic wrapping, so lines
 * are broken here with an estimate of DejaVu Sans's glyph widths (the font the pictures are
 * rendered with), close enough to how the canvas wraps the same text.
 */

/** Escapes text for SVG/XML content and attribute values: no markup can get through. */
export function escapeXml(text: string): string {
  // Characters XML 1.0 forbids are dropped; a stray one would make the whole file unreadable.
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

const NARROW = new Set('iIjl.,:;!|\'`ft()[]r ');
const WIDE = new Set('mwMWŁŚ@%');

function charUnits(c: string): number {
  return NARROW.has(c) ? 0.34 : WIDE.has(c) ? 0.86 : c === c.toUpperCase() && c !== c.toLowerCase() ? 0.7 : 0.6;
}

/** Estimated width of a text in DejaVu Sans at `fontSize` (bold is about 10 % wider). */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const c of text) units += charUnits(c);
  return units * fontSize * (bold ? 1.1 : 1);
}

/**
 * Breaks text into lines no wider than `width`; words longer than a line are cut. Stops after
 * `maxLines` (plus one, so callers know text was cut): a 10,000-character note costs no more
 * than the lines that fit. Linear in the text's length, however long its words.
 */
export function wrapText(text: string, width: number, fontSize: number, bold = false, maxLines = Infinity): string[] {
  const unit = fontSize * (bold ? 1.1 : 1);
  const lines: string[] = [];
  const full = () => lines.length > maxLines;
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    let lineWidth = 0;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (full()) return lines;
      const wordWidth = textWidth(word, fontSize, bold);
      const space = line ? charUnits(' ') * unit : 0;
      if (lineWidth + space + wordWidth <= width) {
        line = line ? `${line} ${word}` : word;
        lineWidth += space + wordWidth;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      lineWidth = 0;
      if (wordWidth <= width) {
        line = word;
        lineWidth = wordWidth;
        continue;
      }
      // A word wider than the line: cut it where the next character would not fit.
      let piece = '';
      let pieceWidth = 0;
      for (const c of word) {
        const w = charUnits(c) * unit;
        if (piece && pieceWidth + w > width) {
          lines.push(piece);
          if (full()) return lines;
          piece = '';
          pieceWidth = 0;
        }
        piece += c;
        pieceWidth += w;
      }
      line = piece;
      lineWidth = pieceWidth;
    }
    lines.push(line);
    if (full()) return lines;
  }
  return lines;
}

/** Lines that fit `height` (line height 1.2); the last kept line ends with an ellipsis when text was cut. */
export function fitLines(lines: string[], height: number, fontSize: number): string[] {
  const max = maxLinesFor(height, fontSize);
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  kept[max - 1] = `${kept[max - 1]!.replace(/\s*\S?$/, '')}…`;
  return kept;
}

function maxLinesFor(height: number, fontSize: number): number {
  return Math.max(1, Math.floor(height / (fontSize * 1.2)));
}

/** Short notes in large type, long ones smaller, as on the canvas (client/src/board/ElementView.tsx). */
export function noteFontSize(text: string, w: number, h: number): number {
  const area = Math.max(1, (w - 24) * (h - 24));
  const size = Math.sqrt(area / Math.max(1, text.length) / 1.6);
  return Math.max(12, Math.min(28, Math.floor(size)));
}

/** Where a text block was drawn (its lines' extent, as estimated), for tests of a picture's layout. */
export interface TextBox {
  x: number;
  y: number;
  w: number;
  h: number;
  lines: string[];
  fontSize: number;
  /** Drawn as letters (false: as bars, too small to read at the picture's size). */
  legible: boolean;
}

export interface TextBlock {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  fontSize: number;
  fill: string;
  bold?: boolean;
  align?: 'left' | 'center';
  verticalAlign?: 'top' | 'middle';
}

/**
 * A wrapped, clipped block of text as one SVG <text> element with a <tspan> per line. Text
 * smaller than `minFontSize` would be unreadable in the picture: its lines are drawn as faint
 * bars instead, as the canvas leaves out text when zoomed far out (this also keeps rendering
 * big boards fast: resvg shapes each text chunk separately).
 */
export function textBlock(block: TextBlock, minFontSize = 0, boxes?: TextBox[]): string {
  if (!block.text.trim() || block.width <= 0) return '';
  const { fontSize } = block;
  const height = Math.max(block.height, fontSize * 1.2);
  const lines = fitLines(wrapText(block.text, block.width, fontSize, block.bold, maxLinesFor(height, fontSize)), height, fontSize);
  const lineHeight = fontSize * 1.2;
  const total = lines.length * lineHeight;
  const top = block.verticalAlign === 'middle' ? block.y + Math.max(0, (block.height - total) / 2) : block.y;
  const center = block.align === 'center';
  const x = center ? block.x + block.width / 2 : block.x;
  if (boxes) {
    const w = Math.min(block.width, Math.max(...lines.map((l) => textWidth(l, fontSize, block.bold))));
    boxes.push({ x: center ? x - w / 2 : x, y: top, w, h: total, lines, fontSize, legible: fontSize >= minFontSize });
  }
  if (fontSize < minFontSize) {
    return lines
      .map((line, i) => {
        const w = Math.min(block.width, textWidth(line, fontSize, block.bold));
        return `<rect x="${num(center ? x - w / 2 : x)}" y="${num(top + i * lineHeight + fontSize * 0.3)}" width="${num(w)}" height="${num(fontSize * 0.6)}" fill="${escapeXml(block.fill)}" fill-opacity="0.3"/>`;
      })
      .join('');
  }
  const tspans = lines.map((line, i) => `<tspan x="${num(x)}" y="${num(top + i * lineHeight + fontSize * 0.92)}">${escapeXml(line)}</tspan>`).join('');
  const attrs = [`font-size="${num(fontSize)}"`, `fill="${escapeXml(block.fill)}"`, center ? 'text-anchor="middle"' : '', block.bold ? 'font-weight="bold"' : ''].filter(Boolean).join(' ');
  return `<text ${attrs}>${tspans}</text>`;
}

/** A coordinate with at most two decimals: smaller files, same picture. */
export function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}
