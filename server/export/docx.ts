import {
  AlignmentType,
  CharacterSet,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import type { CellValue } from '../../shared/report/cells';
import { formatDate, formatNumber } from '../../shared/report/labels';
import type { Locale } from '../../shared/schema/doc';
import { sectionTable } from '../../shared/report/tables';
import type { Report, ReportSection } from '../../shared/report/types';
import { fontData } from './fonts';
import { framePictures, reportOf, type FramePicture } from './report';
import type { ExportContext, ExportFile, Exporter } from './types';

const FONT = 'DejaVu Sans';
/** Usable width of an A4 page with 2 cm margins, in pixels at 96 dpi (what docx sizes images in). */
const PAGE_WIDTH_PX = 640;
const MAX_PICTURE_HEIGHT_PX = 820;

const text = (value: string, options: { bold?: boolean; color?: string; size?: number } = {}) => new TextRun({ text: value, ...options });
const para = (value: string, options: { bold?: boolean; color?: string } = {}) => new Paragraph({ children: [text(value, options)] });
// A heading stays on the page of what follows it (no heading alone at the foot of a page).
const heading = (value: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ heading: level, keepNext: true, keepLines: true, children: [text(value)] });
const bullet = (runs: TextRun[], level = 0) => new Paragraph({ bullet: { level: Math.min(level, 8) }, children: runs });

function cellText(value: CellValue, locale: Locale): string {
  return value === null ? '' : typeof value === 'number' ? formatNumber(value, locale) : value;
}

function table(columns: readonly string[], rows: readonly (readonly CellValue[])[], locale: Locale): Table {
  const header = new TableRow({
    tableHeader: true,
    children: columns.map((c) => new TableCell({ shading: { type: ShadingType.CLEAR, fill: 'E0E7FF', color: 'auto' }, children: [para(c, { bold: true })] })),
  });
  const body = rows.map((row) => new TableRow({ children: row.map((v) => new TableCell({ children: [para(cellText(v, locale))] })) }));
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...body] });
}

function picture(p: FramePicture, caption: string): Paragraph[] {
  const scale = Math.min(PAGE_WIDTH_PX / p.width, MAX_PICTURE_HEIGHT_PX / p.height, 1);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new ImageRun({ type: 'png', data: p.png, transformation: { width: Math.round(p.width * scale), height: Math.round(p.height * scale) }, altText: { name: caption, title: caption, description: caption } })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [text(caption, { color: '64748B', size: 16 })] }),
  ];
}

function sectionBody(report: Report, section: ReportSection): FileChild[] {
  const l = report.labels;
  switch (section.kind) {
    case 'problemTree':
    case 'objectivesTree':
      if (section.items.length === 0) return [para(l.emptyTree)];
      return section.items.map((item) => bullet([text(`${l.treeRoles[section.tree][item.role]}: `, { bold: true }), text(item.text)], item.depth));
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
export async function reportToDocx(report: Report, pictures: Map<string, FramePicture>): Promise<Buffer> {
  const l = report.labels;
  const children: FileChild[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [text(report.title)] }),
    para(`${l.report} · ${l.date}: ${formatDate(report.generatedAt, report.locale)}`, { color: '475569' }),
    heading(l.participants, HeadingLevel.HEADING_1),
    report.participants.length ? table([l.name, l.role], report.participants.map((p) => [p.name, l.roles[p.role]]), report.locale) : para(l.noParticipants),
    heading(l.agenda, HeadingLevel.HEADING_1),
    report.agenda.length ? table(['#', l.phase, l.frame, l.minutes], report.agenda.map((p, i) => [`${i + 1}${p.current ? ` (${l.current})` : ''}`, p.title, p.frameTitle, p.minutes || null]), report.locale) : para(l.noAgenda),
  ];
  for (const section of report.sections) {
    const method = l.methods[section.kind];
    children.push(heading(section.title === method ? method : `${section.title} (${method})`, HeadingLevel.HEADING_1));
    const p = section.frameId ? pictures.get(section.frameId) : undefined;
    if (p) children.push(...picture(p, `${l.picture}: ${section.title}`));
    children.push(...sectionBody(report, section));
  }
  children.push(heading(l.voteResults, HeadingLevel.HEADING_1));
  if (report.votes.length === 0) children.push(para(l.noVotes));
  for (const round of report.votes) {
    children.push(heading(round.title, HeadingLevel.HEADING_2), para(`${l.voters}: ${round.voters}${round.closedAt ? ` · ${l.closedAt}: ${formatDate(round.closedAt, report.locale, true)}` : ''}`));
    children.push(round.items.length ? table([l.item, l.votes], round.items.map((i) => [i.text, i.votes]), report.locale) : para(l.empty));
  }
  const fonts = fontData();
  const run = { font: FONT };
  const document = new Document({
    title: report.title,
    creator: 'Warsztat',
    description: l.report,
    // DejaVu Sans travels inside the file: Polish letters look right without it being installed.
    fonts: [{ name: FONT, data: fonts.regular, bold: fonts.bold, characterSet: CharacterSet.EASTEUROPE }],
    styles: {
      default: {
        document: { run: { ...run, size: 20 }, paragraph: { spacing: { after: 80 } } },
        title: { run: { ...run, size: 44, bold: true, color: '1E293B' } },
        heading1: { run: { ...run, size: 30, bold: true, color: '1D4ED8' }, paragraph: { spacing: { before: 320, after: 120 } } },
        heading2: { run: { ...run, size: 24, bold: true, color: '1E293B' }, paragraph: { spacing: { before: 200, after: 80 } } },
        heading3: { run: { ...run, size: 22, bold: true, color: '334155' }, paragraph: { spacing: { before: 160, after: 60 } } },
      },
    },
    sections: [{ properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } }, children }],
  });
  return Packer.toBuffer(document);
}

export const docxExporter: Exporter = async (context: ExportContext): Promise<ExportFile> => {
  const report = reportOf(context);
  const body = await reportToDocx(report, framePictures(context, report));
  return { body, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' };
};
