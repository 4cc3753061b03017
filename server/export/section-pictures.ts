/**
 * The pictures of each report section (issue #17): the stakeholder map as a chart, trees as an
 * overview and parts by branch (shared/picture), every other method frame as it looks on the
 * board. Each picture is a PNG with its caption, in the order the section shows them.
 */
import { matrixChartSvg, stakeholderChartSvg, treeChartSvg } from '../../shared/picture/chart-svg';
import { MATRIX_FILLS, matrixChart } from '../../shared/picture/matrix-chart';
import { CHART, stakeholderCharts } from '../../shared/picture/stakeholder-chart';
import { treeCharts } from '../../shared/picture/tree-chart';
import { mapStrings, replaceMissingGlyphs } from '../../shared/report/glyphs';
import { chartWords, matrixWords, treeWords } from '../../shared/report/labels';
import type { Report, ReportSection } from '../../shared/report/types';
import { fontCovers, textWidth } from './fonts';
import { framePictures } from './report';
import { drawMatrixChart, drawStakeholderChart, drawTreeChart, type Placement } from './pdf-charts';
import { svgToPng } from './png';
import type { ExportContext } from './types';

/**
 * A picture in a document with the caption under it: PNG bytes and their size in pixels, or
 * (for the PDF) a chart drawn as vectors, its size in the chart's units.
 */
export interface SectionPicture {
  caption: string;
  width: number;
  height: number;
  png?: Buffer;
  /** The PNG's compressed RGB rows, which the PDF embeds without decoding the PNG. */
  rgbDeflated?: Buffer;
  draw?: (pdf: Pdf, at: Placement) => void;
}

type Pdf = Parameters<typeof drawTreeChart>[0];

/** A tree with more nodes than this is pictured by its overview; the outline under it gives the rest. */
export const MAX_TREE_PARTS_NODES = 120;

/**
 * Width in pixels of the charts' PNGs (DOCX): 1000 units over a 17 cm column, 150 dpi, so the
 * smallest label (13 units) is 13 px high. Each PNG is most of a chart's cost (text to paths,
 * rasterising, compressing), so no more than that.
 */
const CHART_PIXELS = 1000;

interface Chart {
  width: number;
  height: number;
}

/** A chart as a PNG (made now) or, for the PDF, as a function drawing it there. */
function picture<C extends Chart>(chart: C, caption: string, vector: boolean, svg: (c: C) => string, draw: (pdf: Pdf, c: C, at: Placement) => void): SectionPicture {
  if (vector) return { caption, width: chart.width, height: chart.height, draw: (pdf, at) => draw(pdf, chart, at) };
  return { ...svgToPng(svg(chart), chart.width, chart.height, CHART_PIXELS), caption };
}

/** Pictures of one section drawn from the report's data (charts); null for a method pictured as its frame. */
function chartPictures(report: Report, section: ReportSection, vector: boolean): SectionPicture[] | null {
  const l = report.labels;
  // Characters DejaVu Sans lacks (emoji) by their names, as everywhere else in the report.
  const s = mapStrings(section, (text) => replaceMissingGlyphs(text, fontCovers, report.locale));
  if (s.kind === 'stakeholders') {
    if (s.rows.length === 0) return [];
    const charts = stakeholderCharts(s.rows, chartWords(report.locale, s.rows.filter((r) => r.quadrant).length <= CHART.spreadUpTo), textWidth);
    return charts.map((chart) => {
      const zoom = chart.window ? ` – ${l.quadrants[chart.window]}` : '';
      return picture(chart, `${s.title}${zoom}`, vector, stakeholderChartSvg, drawStakeholderChart);
    });
  }
  if (s.kind === 'problemTree' || s.kind === 'objectivesTree') {
    if (s.items.length === 0) return [];
    const charts = treeCharts(s.items, treeWords(report.locale, s.tree), textWidth);
    const whole = s.items.length <= MAX_TREE_PARTS_NODES;
    const shown = whole ? charts : charts.filter((c) => c.kind === 'overview');
    return shown.map((chart) => {
      const part = chart.kind === 'overview' ? (whole ? '' : ` (${l.chart.outlineBelow})`) : `: ${chart.labels[0]?.lines[0] ?? ''}`;
      return picture(chart, `${s.title}${part}`, vector, (c) => treeChartSvg(c, s.tree), (pdf, c, at) => drawTreeChart(pdf, c, s.tree, at));
    });
  }
  if (s.kind === 'swot' || s.kind === 'tows') {
    const fields = s.kind === 'swot'
      ? s.quadrants.map((q) => ({ key: q.key, title: q.label, fill: MATRIX_FILLS[q.key]!, items: q.items.map((i) => ({ text: i.text, votes: i.votes, detail: null })) }))
      : s.cells.map((c) => ({ key: c.key, title: c.label, fill: MATRIX_FILLS[c.key]!, items: c.strategies.map((st) => ({ text: st.text, votes: null, detail: st.sources.length > 0 ? `${l.sources}: ${st.sources.join(' · ')}` : null })) }));
    if (fields.every((f) => f.items.length === 0)) return [];
    return [picture(matrixChart(fields, matrixWords(report.locale), textWidth), s.title, vector, matrixChartSvg, drawMatrixChart)];
  }
  return null;
}

/**
 * Every section's pictures, by the section's index in the report (renderers may copy the
 * sections, so not by object); made once per export, frames pictured at most MAX_REPORT_PICTURES.
 */
export function sectionPictures(context: ExportContext, report: Report, options: { vector?: boolean; pixelWidth?: number } = {}): SectionPicture[][] {
  const charts = new Map<ReportSection, SectionPicture[]>();
  for (const section of report.sections) {
    const pictures = chartPictures(report, section, options.vector ?? false);
    if (pictures) charts.set(section, pictures);
  }
  const frames = framePictures(context, { ...report, sections: report.sections.filter((s) => !charts.has(s)) }, options.pixelWidth);
  return report.sections.map((section) => {
    const frame = section.frameId ? frames.get(section.frameId) : undefined;
    return charts.get(section) ?? (frame ? [{ ...frame, caption: `${report.labels.picture}: ${section.title}` }] : []);
  });
}
