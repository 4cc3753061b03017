/**
 * The report's charts (shared/picture/stakeholder-chart.ts, tree-chart.ts) drawn straight into
 * the PDF as vectors, from the same layouts the SVG/PNG are drawn from: sharp at any zoom, text
 * that can be searched and copied, and no picture to render and compress (most of a chart's
 * cost as a PNG). Fonts 'body' and 'bold' are the ones reportToPdf registers.
 */
import type PDFDocument from 'pdfkit';
import type { ChartLabel, StakeholderChart } from '../../shared/picture/stakeholder-chart';
import { QUADRANT_COLOURS } from '../../shared/picture/stakeholder-chart';
import { TREE_FILLS } from '../../shared/picture/chart-svg';
import type { MatrixChart } from '../../shared/picture/matrix-chart';
import type { TreeChart } from '../../shared/picture/tree-chart';

type Pdf = InstanceType<typeof PDFDocument>;

/** Where a chart goes on the page: its top-left corner in points and points per chart unit. */
export interface Placement {
  x: number;
  y: number;
  scale: number;
}

function label(pdf: Pdf, at: Placement, l: Pick<ChartLabel, 'x' | 'y' | 'w' | 'h' | 'lines' | 'fontSize' | 'bold' | 'align'>, colour: string, pad = 3): void {
  const size = l.fontSize * at.scale;
  pdf.font(l.bold ? 'bold' : 'body').fontSize(size).fillColor(colour).fillOpacity(1);
  l.lines.forEach((line, i) => {
    const w = pdf.widthOfString(line);
    const left = l.align === 'left' ? l.x + pad : l.align === 'right' ? l.x + l.w - pad : l.x + l.w / 2;
    const x = at.x + left * at.scale - (l.align === 'left' ? 0 : l.align === 'right' ? w : w / 2);
    // pdfkit puts a line's top at y; the SVG's baseline is 0.92 em below the same top.
    pdf.text(line, x, at.y + (l.y + pad + i * l.fontSize * 1.2) * at.scale, { lineBreak: false });
  });
}

function line(pdf: Pdf, at: Placement, points: readonly number[], colour: string, width: number, opacity = 1): void {
  pdf.moveTo(at.x + points[0]! * at.scale, at.y + points[1]! * at.scale);
  for (let i = 2; i + 1 < points.length; i += 2) pdf.lineTo(at.x + points[i]! * at.scale, at.y + points[i + 1]! * at.scale);
  pdf.lineWidth(width * at.scale).strokeColor(colour).strokeOpacity(opacity).stroke();
}

export function drawStakeholderChart(pdf: Pdf, chart: StakeholderChart, at: Placement): void {
  const s = at.scale;
  const { plot } = chart;
  pdf.save();
  for (const q of chart.quadrants) pdf.rect(at.x + q.rect.x * s, at.y + q.rect.y * s, q.rect.w * s, q.rect.h * s).fillOpacity(1).fill(QUADRANT_COLOURS[q.key].fill);
  for (const x of chart.ticks.x) line(pdf, at, [x, plot.y, x, plot.y + plot.h], '#ffffff', 1);
  for (const y of chart.ticks.y) line(pdf, at, [plot.x, y, plot.x + plot.w, y], '#ffffff', 1);
  pdf.dash(6 * s, { space: 4 * s });
  line(pdf, at, [chart.threshold.x, plot.y, chart.threshold.x, plot.y + plot.h], '#64748b', 1.5);
  line(pdf, at, [plot.x, chart.threshold.y, plot.x + plot.w, chart.threshold.y], '#64748b', 1.5);
  pdf.undash();
  pdf.rect(at.x + plot.x * s, at.y + plot.y * s, plot.w * s, plot.h * s).lineWidth(s).strokeColor('#94a3b8').strokeOpacity(1).stroke();
  for (const m of chart.markers) {
    if (!m.spread) continue;
    const colour = QUADRANT_COLOURS[m.quadrant].marker;
    line(pdf, at, [m.spread.x0, m.y, m.spread.x1, m.y], colour, 1.2, 0.55);
    line(pdf, at, [m.x, m.spread.y0, m.x, m.spread.y1], colour, 1.2, 0.55);
  }
  for (const l of chart.labels) {
    if (!l.leader) continue;
    const end = { x: Math.max(l.x, Math.min(l.leader.x, l.x + l.w)), y: Math.max(l.y, Math.min(l.leader.y, l.y + l.h)) };
    line(pdf, at, [l.leader.x, l.leader.y, end.x, end.y], '#64748b', 0.8);
  }
  for (const m of chart.markers) {
    pdf.circle(at.x + m.x * s, at.y + m.y * s, m.r * s).lineWidth(1.5 * s).fillOpacity(1).strokeOpacity(1).fillAndStroke(QUADRANT_COLOURS[m.quadrant].marker, '#ffffff');
    if (m.numbers.length > 1) label(pdf, at, { x: m.x - m.r, y: m.y - 6, w: 2 * m.r, h: 12, lines: [String(m.numbers.length)], fontSize: 10, bold: true, align: 'center' }, '#ffffff', 0);
  }
  for (const l of chart.labels) {
    if (l.kind === 'stakeholder') pdf.roundedRect(at.x + l.x * s, at.y + l.y * s, l.w * s, l.h * s, 3 * s).fillOpacity(0.9).fill('#ffffff');
    label(pdf, at, l, l.kind === 'quadrant' ? '#334155' : '#1f2937');
  }
  pdf.restore();
}

export function drawTreeChart(pdf: Pdf, chart: TreeChart, tree: 'problem' | 'objective', at: Placement): void {
  const s = at.scale;
  pdf.save();
  for (const points of chart.links) line(pdf, at, points, '#64748b', 1.5);
  for (const n of chart.nodes) {
    pdf.roundedRect(at.x + n.x * s, at.y + n.y * s, n.w * s, n.h * s, 5 * s).lineWidth((n.role === 'core' ? 2 : 1) * s).fillOpacity(1).strokeOpacity(1).fillAndStroke(TREE_FILLS[tree][n.role], '#475569');
    label(pdf, at, { ...n, align: 'center' }, '#1f2937', 5);
  }
  for (const l of chart.labels) label(pdf, at, l, l.kind === 'note' ? '#475569' : '#1e293b');
  pdf.restore();
}

export function drawMatrixChart(pdf: Pdf, chart: MatrixChart, at: Placement): void {
  const s = at.scale;
  pdf.save();
  for (const f of chart.fields) {
    pdf.roundedRect(at.x + f.rect.x * s, at.y + f.rect.y * s, f.rect.w * s, f.rect.h * s, 6 * s).lineWidth(s).fillOpacity(1).strokeOpacity(1).fillAndStroke('#ffffff', '#94a3b8');
    pdf.roundedRect(at.x + (f.band.x + 0.5) * s, at.y + (f.band.y + 0.5) * s, (f.band.w - 1) * s, f.band.h * s, 6 * s).fillOpacity(1).fill(f.fill);
  }
  for (const b of chart.badges) {
    pdf.circle(at.x + b.x * s, at.y + b.y * s, b.r * s).fillOpacity(1).fill('#334155');
    label(pdf, at, { x: b.x - b.r, y: b.y - 7.5, w: 2 * b.r, h: 15, lines: [b.text], fontSize: 12, bold: true, align: 'center' }, '#ffffff', 0);
  }
  for (const l of chart.labels) label(pdf, at, l, l.kind === 'detail' || l.kind === 'key' || l.kind === 'empty' ? '#475569' : '#1f2937');
  pdf.restore();
}
