import PDFDocument from 'pdfkit';
import type { CellValue } from '../../shared/report/cells';
import { columnWidths } from '../../shared/report/column-widths';
import { mapStrings, replaceMissingGlyphs } from '../../shared/report/glyphs';
import { LANGUAGE_TAG, formatDate, formatNumber } from '../../shared/report/labels';
import { sectionTable } from '../../shared/report/tables';
import type { Report, ReportSection } from '../../shared/report/types';
import { fontCovers, pdfFonts, textWidth } from './fonts';
import { pdfImage } from './pdf-image';
import { drawPdfTable } from './pdf-table';
import { reportOf } from './report';
import { sectionPictures, type SectionPicture } from './section-pictures';
import type { ExportContext, ExportFile, Exporter } from './types';

type Pdf = InstanceType<typeof PDFDocument>;
/** A bookmark in the PDF's outline (pdfkit's PDFOutline, which its types do not export). */
type OutlineItem = Pdf['outline'];

const MARGIN = 50;
const TABLE_PADDING = 3;
/** Outline levels indented; deeper ones line up with this level. */
const MAX_INDENT_DEPTH = 5;
const COLOURS = { text: '#1f2937', muted: '#64748b', heading: '#1d4ed8', header: '#e0e7ff', border: '#cbd5e1' };

/** Writes the report into a pdfkit document, top to bottom. */
class PdfWriter {
  /** The bookmarks of the headings written so far at levels 1 and 2, to hang the next level from. */
  private readonly parents: OutlineItem[] = [];

  constructor(
    private readonly pdf: Pdf,
    private readonly report: Report,
  ) {}

  private get width(): number {
    return this.pdf.page.width - 2 * MARGIN;
  }

  /** Starts a new page when less than `space` points are left, so a heading never ends a page. */
  private room(space: number): void {
    if (this.pdf.y + space > this.pdf.page.height - MARGIN) this.pdf.addPage();
  }

  text(value: string, options: { bold?: boolean; size?: number; colour?: string; indent?: number; gap?: number } = {}): void {
    this.pdf.font(options.bold ? 'bold' : 'body').fontSize(options.size ?? 10).fillColor(options.colour ?? COLOURS.text);
    this.pdf.text(value, MARGIN + (options.indent ?? 0), this.pdf.y, { width: this.width - (options.indent ?? 0) });
    this.pdf.moveDown(options.gap ?? 0.25);
  }

  heading(value: string, level: 1 | 2 | 3): void {
    this.room(level === 1 ? 90 : 60);
    // A bookmark per heading, on the page the heading is on (pdfkit marks the current page).
    const parent = level === 1 ? this.pdf.outline : (this.parents[level - 2] ?? this.parents[0] ?? this.pdf.outline);
    const item = parent.addItem(value);
    if (level < 3) {
      this.parents.length = level - 1;
      this.parents.push(item);
    }
    this.pdf.moveDown(level === 1 ? 0.8 : 0.4);
    this.text(value, { bold: true, size: level === 1 ? 16 : level === 2 ? 13 : 11, colour: level === 1 ? COLOURS.heading : COLOURS.text, gap: 0.3 });
  }

  bullet(value: string, depth = 0, prefix?: string): void {
    // Deep outlines stop indenting at MAX_INDENT_DEPTH (their level is then written out), so
    // the text keeps most of the page's width instead of running off its right edge.
    const indent = 12 + Math.min(depth, MAX_INDENT_DEPTH) * 14;
    if (prefix && depth > MAX_INDENT_DEPTH) prefix = `${prefix} (${this.report.labels.level.toLowerCase()} ${depth + 1})`;
    this.room(16);
    const y = this.pdf.y;
    this.pdf.font('body').fontSize(10).fillColor(COLOURS.muted).text('•', MARGIN + indent - 10, y);
    this.pdf.y = y;
    this.pdf.fillColor(COLOURS.text);
    if (prefix) this.pdf.font('bold').text(`${prefix}: `, MARGIN + indent, y, { continued: true, width: this.width - indent });
    this.pdf.font('body').text(value, prefix ? undefined : MARGIN + indent, prefix ? undefined : y, { width: this.width - indent });
    this.pdf.moveDown(0.15);
  }

  table(columns: readonly string[], rows: readonly (readonly CellValue[])[]): void {
    this.room(40);
    const cell = (v: CellValue) => (v === null ? '' : typeof v === 'number' ? formatNumber(v, this.report.locale) : v);
    const header = columns.map(String);
    const body = rows.map((row) => row.map(cell));
    // Wide enough for every header word (pdfkit would otherwise split "Zaangażowanie"). Measured
    // from the font's advance widths (fonts.ts, cached per character): pdfkit's widthOfString lays
    // each text out, which took a fifth of a big report's time; without kerning it is a hair wider.
    const measure = (text: string, bold: boolean) => textWidth(text, 8.5, bold);
    const widths = columnWidths(header, body, this.width, measure, TABLE_PADDING);
    drawPdfTable(this.pdf, MARGIN, widths, header, body, { body: 'body', bold: 'bold', fontSize: 8.5, padding: TABLE_PADDING, border: 0.5, colours: { text: COLOURS.text, header: COLOURS.header, border: COLOURS.border } });
    this.pdf.x = MARGIN;
    this.pdf.moveDown(0.6);
  }

  private pictureScale(p: SectionPicture): number {
    const maxHeight = Math.min(420, this.pdf.page.height - 2 * MARGIN - 80);
    return Math.min(this.width / p.width, maxHeight / p.height);
  }

  picture(p: SectionPicture, caption: string): void {
    const scale = this.pictureScale(p);
    const height = p.height * scale;
    this.room(height + 24);
    const top = this.pdf.y;
    const left = MARGIN + (this.width - p.width * scale) / 2;
    if (p.draw) p.draw(this.pdf, { x: left, y: top, scale });
    else if (p.png) this.pdf.image(pdfImage({ png: p.png, width: p.width, height: p.height, rgbDeflated: p.rgbDeflated }) as Buffer, left, top, { width: p.width * scale, height });
    this.pdf.y = top + height + 4;
    this.text(caption, { size: 8, colour: COLOURS.muted, gap: 0.6 });
  }

  section(section: ReportSection, shown: readonly SectionPicture[]): void {
    const l = this.report.labels;
    const method = l.methods[section.kind];
    const p = shown[0];
    // The heading goes on the page its first picture fits on.
    if (p) this.room(60 + p.height * this.pictureScale(p));
    this.heading(section.title === method ? method : `${section.title} (${method})`, 1);
    for (const picture of shown) this.picture(picture, picture.caption);
    switch (section.kind) {
      case 'problemTree':
      case 'objectivesTree':
        if (section.items.length === 0) this.text(l.emptyTree);
        for (const item of section.items) this.bullet(item.text, item.depth, l.treeRoles[section.tree][item.role]);
        return;
      case 'swot':
        for (const q of section.quadrants) {
          this.heading(q.label, 3);
          if (q.items.length === 0) this.text(l.empty);
          for (const i of q.items) this.bullet(i.votes !== null ? `${i.text}  (${l.votes.toLowerCase()}: ${i.votes})` : i.text);
        }
        return;
      case 'tows':
        for (const c of section.cells) {
          this.heading(c.label, 3);
          if (c.strategies.length === 0) this.text(l.empty);
          for (const s of c.strategies) this.bullet(s.sources.length ? `${s.text} — ${l.sources.toLowerCase()}: ${s.sources.join('; ')}` : s.text);
        }
        return;
      default: {
        const rows = sectionTable(this.report, section);
        if (rows && rows.rows.length) this.table(rows.columns, rows.rows);
        else this.text(l.empty);
      }
    }
  }

  /** "Strona 3 z 12" at the foot of every page, once all pages are known (pages are buffered). */
  pageNumbers(): void {
    const l = this.report.labels;
    const { start, count } = this.pdf.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      this.pdf.switchToPage(i);
      // Writing below the bottom margin would otherwise start a new page.
      const bottom = this.pdf.page.margins.bottom;
      this.pdf.page.margins.bottom = 0;
      this.pdf.font('body').fontSize(8).fillColor(COLOURS.muted);
      this.pdf.text(`${l.page} ${i + 1} ${l.pageOf} ${count}`, MARGIN, this.pdf.page.height - MARGIN / 2 - 8, { width: this.width, align: 'center', lineBreak: false });
      this.pdf.page.margins.bottom = bottom;
    }
  }

  write(pictures: SectionPicture[][], progress?: (fraction: number) => void): void {
    const r = this.report;
    const l = r.labels;
    this.text(r.title, { bold: true, size: 22, gap: 0.3 });
    this.text(`${l.report} · ${l.date}: ${formatDate(r.generatedAt, r.locale)}`, { colour: COLOURS.muted });
    this.heading(l.participants, 1);
    if (r.participants.length) this.table([l.name, l.role], r.participants.map((p) => [p.name, l.roles[p.role]]));
    else this.text(l.noParticipants);
    this.heading(l.agenda, 1);
    if (r.agenda.length) this.table(['#', l.phase, l.frame, l.minutes], r.agenda.map((p, i) => [`${i + 1}${p.current ? ` (${l.current})` : ''}`, p.title, p.frameTitle, p.minutes || null]));
    else this.text(l.noAgenda);
    for (const [i, section] of r.sections.entries()) {
      progress?.(0.6 + (0.35 * i) / r.sections.length);
      this.section(section, pictures[i] ?? []);
    }
    this.heading(l.voteResults, 1);
    if (r.votes.length === 0) this.text(l.noVotes);
    for (const round of r.votes) {
      this.heading(round.title, 2);
      this.text(`${l.voters}: ${round.voters}${round.closedAt ? ` · ${l.closedAt}: ${formatDate(round.closedAt, r.locale, true)}` : ''}`);
      if (round.items.length) this.table([l.item, l.votes], round.items.map((i) => [i.text, i.votes]));
      else this.text(l.empty);
    }
  }
}

/** The report as A4 pages, with DejaVu Sans embedded (only the glyphs used) for Polish letters. */
export function reportToPdf(board: Report, pictures: SectionPicture[][], progress?: (fraction: number) => void): Promise<Buffer> {
  // Characters DejaVu Sans lacks (emoji) by their names, never as empty boxes.
  const report = mapStrings(board, (text) => replaceMissingGlyphs(text, fontCovers, board.locale));
  const pdf = new PDFDocument({ size: 'A4', margin: MARGIN, lang: LANGUAGE_TAG[report.locale], bufferPages: true, displayTitle: true, info: { Title: report.title, Creator: 'Warsztat', Subject: report.labels.report } });
  const fonts = pdfFonts();
  // pdfkit takes a parsed fontkit font as a source too (its types list only files and bytes).
  // The family must be the font's PostScript name: table cells switch fonts and back, and
  // pdfkit finds the font again by that name instead of embedding it anew for every cell.
  pdf.registerFont('body', fonts.regular as unknown as Buffer, 'DejaVuSans');
  pdf.registerFont('bold', fonts.bold as unknown as Buffer, 'DejaVuSans-Bold');
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const writer = new PdfWriter(pdf, report);
  writer.write(pictures, progress);
  writer.pageNumbers();
  pdf.end();
  return done;
}

export const pdfExporter: Exporter = async (context: ExportContext): Promise<ExportFile> => {
  const report = reportOf(context);
  const pictures = sectionPictures(context, report, { vector: true });
  context.progress?.(0.6);
  return { body: await reportToPdf(report, pictures, context.progress), contentType: 'application/pdf', extension: 'pdf' };
};
