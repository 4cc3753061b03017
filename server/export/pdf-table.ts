import type PDFDocument from 'pdfkit';
import { textWidth } from './fonts';

type Pdf = InstanceType<typeof PDFDocument>;

/** How a table looks: font faces registered in the document, sizes in points, colours. */
export interface PdfTableStyle {
  body: string;
  bold: string;
  fontSize: number;
  padding: number;
  border: number;
  colours: { text: string; header: string; border: string };
}

/**
 * Draws a table into a pdfkit document: a bold header row on a tinted background, repeated at
 * the top of every page the table runs onto; rows never split across pages. Columns have the
 * widths given (sized by content, shared/report/column-widths.ts).
 *
 * Not pdfkit's own `table()`: that lays every cell's text out twice (to measure, then to draw)
 * and merges its styles per cell, most of a big report's time (500 stakeholders × 7 columns).
 * Here a cell whose text fits its column on one line, as nearly all do, is known to be one line
 * from the font's advance widths (fonts.ts textWidth, without kerning: never narrower than
 * pdfkit lays it out) and is written without the line wrapper; only longer texts are wrapped.
 */
export function drawPdfTable(pdf: Pdf, x: number, widths: readonly number[], header: readonly string[], rows: readonly (readonly string[])[], style: PdfTableStyle): void {
  const { padding, fontSize } = style;
  const bottom = () => pdf.page.height - pdf.page.margins.bottom;
  const total = widths.reduce((a, b) => a + b, 0);
  pdf.fontSize(fontSize);
  const lineHeight = pdf.font(style.body).currentLineHeight(true);

  /** Lines of each cell: one when it fits, else as many as pdfkit's wrapper makes. */
  const heights = (cells: readonly string[], bold: boolean) =>
    cells.map((text, i) => {
      const room = widths[i]! - 2 * padding;
      if (!text.includes('\n') && textWidth(text, fontSize, bold) <= room) return lineHeight;
      return pdf.font(bold ? style.bold : style.body).heightOfString(text, { width: room });
    });

  const drawRow = (cells: readonly string[], bold: boolean, y: number, height: number, single: readonly boolean[]) => {
    if (bold) pdf.rect(x, y, total, height).fill(style.colours.header);
    // The row's frame and the lines between its cells, stroked at once.
    pdf.lineWidth(style.border).rect(x, y, total, height);
    let at = x;
    for (const w of widths.slice(0, -1)) {
      at += w;
      pdf.moveTo(at, y).lineTo(at, y + height);
    }
    pdf.strokeColor(style.colours.border).stroke();
    pdf.font(bold ? style.bold : style.body).fontSize(fontSize).fillColor(style.colours.text);
    at = x;
    cells.forEach((text, i) => {
      if (text) pdf.text(text, at + padding, y + padding, single[i] ? { lineBreak: false } : { width: widths[i]! - 2 * padding });
      at += widths[i]!;
    });
  };

  const headerHeights = heights(header, true);
  const headerHeight = Math.max(...headerHeights) + 2 * padding;
  const headerSingle = headerHeights.map((h) => h === lineHeight);
  let y = pdf.y;
  const startPage = () => {
    drawRow(header, true, y, headerHeight, headerSingle);
    y += headerHeight;
  };
  // The header with at least one row, or on the next page.
  const firstRow = rows.length ? Math.max(...heights(rows[0]!, false)) + 2 * padding : 0;
  if (y + headerHeight + firstRow > bottom()) {
    pdf.addPage();
    y = pdf.y;
  }
  startPage();
  for (const row of rows) {
    const cellHeights = heights(row, false);
    const height = Math.max(...cellHeights) + 2 * padding;
    if (y + height > bottom()) {
      pdf.addPage();
      y = pdf.y;
      startPage();
    }
    drawRow(row, false, y, height, cellHeights.map((h) => h === lineHeight));
    y += height;
  }
  pdf.x = x;
  pdf.y = y;
}
