import {
  AlignmentType,
  Bookmark,
  CharacterSet,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  InternalHyperlink,
  LeaderType,
  Packer,
  PageNumber,
  PageReference,
  Paragraph,
  ShadingType,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import type { CellValue } from '../../shared/report/cells';
import { columnWidths } from '../../shared/report/column-widths';
import { LANGUAGE_TAG, formatDate, formatNumber } from '../../shared/report/labels';
import type { Locale } from '../../shared/schema/doc';
import { sectionTable } from '../../shared/report/tables';
import type { Report, ReportSection } from '../../shared/report/types';
import { fontData, textWidth } from './fonts';
import { reportOf } from './report';
import { sectionPictures, type SectionPicture } from './section-pictures';
import type { ExportContext, ExportFile, Exporter } from './types';

const FONT = 'DejaVu Sans';
/** Usable width of an A4 page with 2 cm margins, in pixels at 96 dpi (what docx sizes images in). */
const PAGE_WIDTH_PX = 640;
const MAX_PICTURE_HEIGHT_PX = 820;
/** A4 is 11906 twips wide; 2 cm margins (1134 twips) each side. */
const MARGIN_TWIPS = 1134;
const TABLE_WIDTH_TWIPS = 11906 - 2 * MARGIN_TWIPS;
/** Table text in points (the body is 10 pt): the 7-column stakeholder table keeps its words whole at 9. */
const TABLE_FONT_PT = 9;
/** A cell's left and right margin, in points (written in twips). */
const CELL_MARGIN_PT = 4;
/**
 * Measured widths are widened by this much: Word and LibreOffice lay text out with their own
 * rounding, and a word a hair too wide for its column would break.
 */
const MEASURE_SLACK = 1.06;
/** Outline levels indented; deeper ones line up with this level. */
const MAX_INDENT_DEPTH = 5;

const text = (value: string, options: { bold?: boolean; color?: string; size?: number } = {}) => new TextRun({ text: value, ...options });
const para = (value: string, options: { bold?: boolean; color?: string } = {}) => new Paragraph({ children: [text(value, options)] });
type Level = (typeof HeadingLevel)[keyof typeof HeadingLevel];
// A heading stays on the page of what follows it (no heading alone at the foot of a page).
const heading = (value: string, level: Level) => new Paragraph({ heading: level, keepNext: true, keepLines: true, children: [text(value)] });

/** The headings of levels 1 and 2, bookmarked as they are made, for the table of contents. */
class Contents {
  readonly entries: { title: string; level: 1 | 2; bookmark: string }[] = [];

  heading(value: string, level: 1 | 2): Paragraph {
    // Word's own prefix for the bookmarks of a table of contents (it hides them from the list of bookmarks).
    const bookmark = `_Toc${this.entries.length + 1}`;
    this.entries.push({ title: value, level, bookmark });
    return new Paragraph({ heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, keepNext: true, keepLines: true, children: [new Bookmark({ id: bookmark, children: [text(value)] })] });
  }

  /**
   * The table of contents: each heading linked to its bookmark, with a PAGEREF field for its
   * page. Not Word's TOC field: LibreOffice shows such a field's content as written and never
   * works its page numbers out (checked with 7.4), whereas it works out every PAGEREF as it lays
   * the pages out; Word updates them on opening (updateFields). Working the pages out here
   * (docx/layout's estimator) matched LibreOffice but cost more than the rest of the export.
   */
  paragraphs(title: string): Paragraph[] {
    return [
      new Paragraph({ keepNext: true, spacing: { before: 240, after: 120 }, children: [text(title, { bold: true, size: 26, color: '1E293B' })] }),
      ...this.entries.map(
        (entry) =>
          new Paragraph({
            spacing: { after: 40 },
            indent: { left: entry.level === 1 ? 0 : 400 },
            tabStops: [{ type: TabStopType.RIGHT, position: TABLE_WIDTH_TWIPS, leader: LeaderType.DOT }],
            children: [new InternalHyperlink({ anchor: entry.bookmark, children: [text(entry.title, { bold: entry.level === 1 }), new TextRun({ children: [new Tab()] }), new PageReference(entry.bookmark)] })],
          }),
      ),
    ];
  }
}
const bullet = (runs: TextRun[], level = 0) => new Paragraph({ bullet: { level: Math.min(level, 8) }, children: runs });

function cellText(value: CellValue, locale: Locale): string {
  return value === null ? '' : typeof value === 'number' ? formatNumber(value, locale) : value;
}

/**
 * A table sized by its content (shared/report/column-widths.ts, measured in DejaVu Sans), laid
 * out fixed so Word and LibreOffice keep those widths; rows never split across pages and the
 * header row repeats on each page the table runs onto.
 */
function table(columns: readonly string[], rows: readonly (readonly CellValue[])[], locale: Locale): Table {
  const body = rows.map((row) => row.map((v) => cellText(v, locale)));
  const measure = (value: string, header: boolean) => textWidth(value, TABLE_FONT_PT, header) * MEASURE_SLACK;
  const widthsPt = columnWidths(columns, body, TABLE_WIDTH_TWIPS / 20, measure, CELL_MARGIN_PT);
  // Whole twips that add up to the table's width exactly.
  const widths = widthsPt.map((w) => Math.floor(w * 20));
  widths[widths.length - 1]! += TABLE_WIDTH_TWIPS - widths.reduce((a, b) => a + b, 0);
  const cellPara = (value: string, bold = false) => new Paragraph({ spacing: { after: 0 }, children: [text(value, { bold, size: TABLE_FONT_PT * 2 })] });
  const cell = (value: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      ...(header ? { shading: { type: ShadingType.CLEAR, fill: 'E0E7FF', color: 'auto' } } : {}),
      children: [cellPara(value, header)],
    });
  const header = new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell(c, i, true)) });
  const bodyRows = body.map((row) => new TableRow({ cantSplit: true, children: row.map((v, i) => cell(v, i, false)) }));
  const margin = CELL_MARGIN_PT * 20;
  return new Table({
    width: { size: TABLE_WIDTH_TWIPS, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    margins: { left: margin, right: margin, top: 30, bottom: 30 },
    rows: [header, ...bodyRows],
  });
}

function picture(p: SectionPicture, caption: string): Paragraph[] {
  if (!p.png) return [];
  const scale = Math.min(PAGE_WIDTH_PX / p.width, MAX_PICTURE_HEIGHT_PX / p.height, 1);
  return [
    // The picture keeps with its caption: a caption never starts a page alone.
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      children: [new ImageRun({ type: 'png', data: p.png, transformation: { width: Math.round(p.width * scale), height: Math.round(p.height * scale) }, altText: { name: caption, title: caption, description: caption } })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, keepLines: true, children: [text(caption, { color: '64748B', size: 16 })] }),
  ];
}

function sectionBody(report: Report, section: ReportSection): FileChild[] {
  const l = report.labels;
  switch (section.kind) {
    case 'problemTree':
    case 'objectivesTree':
      if (section.items.length === 0) return [para(l.emptyTree)];
      // Deep levels line up with level MAX_INDENT_DEPTH, their level written out: the text keeps its width.
      return section.items.map((item) => {
        const role = l.treeRoles[section.tree][item.role];
        const prefix = item.depth > MAX_INDENT_DEPTH ? `${role} (${l.level.toLowerCase()} ${item.depth + 1})` : role;
        return bullet([text(`${prefix}: `, { bold: true }), text(item.text)], Math.min(item.depth, MAX_INDENT_DEPTH));
      });
    case 'swot':
      return section.quadrants.flatMap((q) => [
        heading(q.label, HeadingLevel.HEADING_3),
        ...(q.items.length ? q.items.map((i) => bullet([text(i.text), ...(i.votes !== null ? [text(`  (${l.votes.toLowerCase()}: ${i.votes})`, { color: '1D4ED8' })] : [])])) : [para(l.empty)]),
      ]);
    case 'tows':
      return section.cells.flatMap((c) => [
        heading(c.label, HeadingLevel.HEADING_3),
        ...(c.strategies.length ? c.strategies.map((s) => bullet([text(s.text), ...(s.sources.length ? [text(` — ${l.sources.toLowerCase()}: ${s.sources.join('; ')}`, { color: '64748B' })] : [])])) : [para(l.empty)]),
      ]);
    default: {
      const rows = sectionTable(report, section);
      return rows && rows.rows.length ? [table(rows.columns, rows.rows, report.locale)] : [para(l.empty)];
    }
  }
}

/** The report as a Word document (what the towns' plans are written in). */
export async function reportToDocx(report: Report, pictures: SectionPicture[][], progress?: (fraction: number) => void): Promise<Buffer> {
  const l = report.labels;
  const contents = new Contents();
  const body: FileChild[] = [
    contents.heading(l.participants, 1),
    report.participants.length ? table([l.name, l.role], report.participants.map((p) => [p.name, l.roles[p.role]]), report.locale) : para(l.noParticipants),
    contents.heading(l.agenda, 1),
    report.agenda.length ? table(['#', l.phase, l.frame, l.minutes], report.agenda.map((p, i) => [`${i + 1}${p.current ? ` (${l.current})` : ''}`, p.title, p.frameTitle, p.minutes || null]), report.locale) : para(l.noAgenda),
  ];
  for (const [index, section] of report.sections.entries()) {
    const method = l.methods[section.kind];
    body.push(contents.heading(section.title === method ? method : `${section.title} (${method})`, 1));
    for (const p of pictures[index] ?? []) body.push(...picture(p, p.caption));
    body.push(...sectionBody(report, section));
  }
  body.push(contents.heading(l.voteResults, 1));
  if (report.votes.length === 0) body.push(para(l.noVotes));
  for (const round of report.votes) {
    body.push(contents.heading(round.title, 2), para(`${l.voters}: ${round.voters}${round.closedAt ? ` · ${l.closedAt}: ${formatDate(round.closedAt, report.locale, true)}` : ''}`));
    body.push(round.items.length ? table([l.item, l.votes], round.items.map((i) => [i.text, i.votes]), report.locale) : para(l.empty));
  }
  const children: FileChild[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [text(report.title)] }),
    para(`${l.report} · ${l.date}: ${formatDate(report.generatedAt, report.locale)}`, { color: '475569' }),
    ...contents.paragraphs(l.contents),
    ...body,
  ];
  const fonts = fontData();
  // The board's language on every run: spelling, hyphenation and screen readers go by it.
  const run = { font: FONT, language: { value: LANGUAGE_TAG[report.locale] } };
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ size: 16, color: '64748B', children: [`${l.page} `, PageNumber.CURRENT, ` ${l.pageOf} `, PageNumber.TOTAL_PAGES] })],
      }),
    ],
  });
  const document = new Document({
    title: report.title,
    creator: 'Warsztat',
    description: l.report,
    // Word asks to update the fields on opening (the table of contents' page numbers).
    features: { updateFields: true },
    // DejaVu Sans travels inside the file: Polish letters look right without it being installed.
    fonts: [{ name: FONT, data: fonts.regular, bold: fonts.bold, characterSet: CharacterSet.EASTEUROPE }],
    styles: {
      default: {
        document: { run: { ...run, size: 20 }, paragraph: { spacing: { after: 80 } } },
        title: { run: { ...run, size: 44, bold: true, color: '1E293B' } },
        // Outline levels make them headings for LibreOffice's navigator, the TOC and PDF bookmarks.
        heading1: { run: { ...run, size: 30, bold: true, color: '1D4ED8' }, paragraph: { outlineLevel: 0, spacing: { before: 320, after: 120 } } },
        heading2: { run: { ...run, size: 24, bold: true, color: '1E293B' }, paragraph: { outlineLevel: 1, spacing: { before: 200, after: 80 } } },
        heading3: { run: { ...run, size: 22, bold: true, color: '334155' }, paragraph: { outlineLevel: 2, spacing: { before: 160, after: 60 } } },
      },
    },
    sections: [{ properties: { page: { margin: { top: MARGIN_TWIPS, bottom: MARGIN_TWIPS, left: MARGIN_TWIPS, right: MARGIN_TWIPS, footer: 567 } } }, footers: { default: footer }, children }],
  });
  // Writing the XML and zipping it is the last third of the work.
  progress?.(0.7);
  return Packer.toBuffer(document);
}

export const docxExporter: Exporter = async (context: ExportContext): Promise<ExportFile> => {
  const report = reportOf(context);
  const pictures = sectionPictures(context, report);
  context.progress?.(0.6);
  const body = await reportToDocx(report, pictures, context.progress);
  return { body, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' };
};
