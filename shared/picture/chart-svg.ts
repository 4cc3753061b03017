/**
 * SVG of the report's charts (stakeholder-chart.ts, tree-chart.ts): they are laid out with
 * every box known, and drawn here as laid out. Text is escaped; nothing external is referenced.
 */
import { escapeXml, num } from './text';
import { QUADRANT_COLOURS, type ChartLabel, type StakeholderChart } from './stakeholder-chart';
import { PICTURE_FONT } from './svg';
import type { MatrixChart } from './matrix-chart';
import type { TreeChart } from './tree-chart';

const TEXT = '#1f2937';

export function svgOpen(width: number, height: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" font-family="${escapeXml(`${PICTURE_FONT}, sans-serif`)}">\n<rect x="0" y="0" width="${num(width)}" height="${num(height)}" fill="#ffffff"/>`;
}

export function rect(x: number, y: number, w: number, h: number, fill: string, extra = ''): string {
  return `<rect x="${num(x)}" y="${num(y)}" width="${num(Math.max(0, w))}" height="${num(Math.max(0, h))}" fill="${escapeXml(fill)}"${extra ? ` ${extra}` : ''}/>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, stroke: string, width = 1, extra = ''): string {
  return `<line x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}" stroke="${escapeXml(stroke)}" stroke-width="${num(width)}"${extra ? ` ${extra}` : ''}/>`;
}

/** A laid-out label: its lines inside its box (padding 3), on a white ground when asked. */
export function labelSvg(label: Pick<ChartLabel, 'x' | 'y' | 'w' | 'h' | 'lines' | 'fontSize' | 'bold' | 'align'>, fill = TEXT, ground?: string): string {
  const pad = 3;
  const lineHeight = label.fontSize * 1.2;
  const x = label.align === 'left' ? label.x + pad : label.align === 'right' ? label.x + label.w - pad : label.x + label.w / 2;
  const anchor = label.align === 'left' ? '' : ` text-anchor="${label.align === 'right' ? 'end' : 'middle'}"`;
  const tspans = label.lines.map((l, i) => `<tspan x="${num(x)}" y="${num(label.y + pad + i * lineHeight + label.fontSize * 0.92)}">${escapeXml(l)}</tspan>`).join('');
  const back = ground ? rect(label.x, label.y, label.w, label.h, ground, 'rx="3" fill-opacity="0.9"') : '';
  return `${back}<text font-size="${num(label.fontSize)}" fill="${escapeXml(fill)}"${anchor}${label.bold ? ' font-weight="bold"' : ''}>${tspans}</text>`;
}

/** The nearest point of a box to a point (where a leader line ends). */
function nearest(box: { x: number; y: number; w: number; h: number }, p: { x: number; y: number }) {
  return { x: Math.max(box.x, Math.min(p.x, box.x + box.w)), y: Math.max(box.y, Math.min(p.y, box.y + box.h)) };
}

export function stakeholderChartSvg(chart: StakeholderChart): string {
  const { plot } = chart;
  const parts = [svgOpen(chart.width, chart.height)];
  for (const q of chart.quadrants) parts.push(rect(q.rect.x, q.rect.y, q.rect.w, q.rect.h, QUADRANT_COLOURS[q.key].fill));
  for (const x of chart.ticks.x) parts.push(line(x, plot.y, x, plot.y + plot.h, '#ffffff', 1));
  for (const y of chart.ticks.y) parts.push(line(plot.x, y, plot.x + plot.w, y, '#ffffff', 1));
  parts.push(line(chart.threshold.x, plot.y, chart.threshold.x, plot.y + plot.h, '#64748b', 1.5, 'stroke-dasharray="6 4"'));
  parts.push(line(plot.x, chart.threshold.y, plot.x + plot.w, chart.threshold.y, '#64748b', 1.5, 'stroke-dasharray="6 4"'));
  parts.push(rect(plot.x, plot.y, plot.w, plot.h, 'none', 'stroke="#94a3b8" stroke-width="1"'));
  for (const m of chart.markers) {
    if (!m.spread) continue;
    const colour = QUADRANT_COLOURS[m.quadrant].marker;
    parts.push(line(m.spread.x0, m.y, m.spread.x1, m.y, colour, 1.2, 'stroke-opacity="0.55"'), line(m.x, m.spread.y0, m.x, m.spread.y1, colour, 1.2, 'stroke-opacity="0.55"'));
  }
  for (const label of chart.labels) {
    if (!label.leader) continue;
    const end = nearest(label, label.leader);
    parts.push(line(label.leader.x, label.leader.y, end.x, end.y, '#64748b', 0.8));
  }
  for (const m of chart.markers) {
    const colour = QUADRANT_COLOURS[m.quadrant].marker;
    parts.push(`<circle cx="${num(m.x)}" cy="${num(m.y)}" r="${num(m.r)}" fill="${colour}" stroke="#ffffff" stroke-width="1.5"/>`);
    if (m.numbers.length > 1) parts.push(`<text x="${num(m.x)}" y="${num(m.y + 3.5)}" font-size="10" font-weight="bold" fill="#ffffff" text-anchor="middle">${m.numbers.length}</text>`);
  }
  for (const label of chart.labels) parts.push(labelSvg(label, label.kind === 'quadrant' ? '#334155' : TEXT, label.kind === 'stakeholder' ? '#ffffff' : undefined));
  parts.push('</svg>');
  return parts.join('\n');
}

/** Node colours of the tree charts, as on the canvas. */
export const TREE_FILLS = {
  problem: { core: '#fca5a5', cause: '#fde68a', effect: '#fed7aa' },
  objective: { core: '#86efac', cause: '#bbf7d0', effect: '#bfdbfe' },
} as const;

export function treeChartSvg(chart: TreeChart, tree: 'problem' | 'objective'): string {
  const parts = [svgOpen(chart.width, chart.height)];
  for (const points of chart.links) {
    const pairs: string[] = [];
    for (let i = 0; i + 1 < points.length; i += 2) pairs.push(`${num(points[i]!)},${num(points[i + 1]!)}`);
    parts.push(`<polyline points="${pairs.join(' ')}" fill="none" stroke="#64748b" stroke-width="1.5"/>`);
  }
  for (const n of chart.nodes) {
    parts.push(rect(n.x, n.y, n.w, n.h, TREE_FILLS[tree][n.role], `rx="5" stroke="#475569" stroke-width="${n.role === 'core' ? 2 : 1}"`));
    parts.push(labelSvg({ ...n, y: n.y + 2, align: 'center' }));
  }
  for (const label of chart.labels) parts.push(labelSvg(label, label.kind === 'note' ? '#475569' : '#1e293b'));
  parts.push('</svg>');
  return parts.join('\n');
}

export function matrixChartSvg(chart: MatrixChart): string {
  const parts = [svgOpen(chart.width, chart.height)];
  for (const f of chart.fields) {
    parts.push(rect(f.rect.x, f.rect.y, f.rect.w, f.rect.h, '#ffffff', 'rx="6" stroke="#94a3b8" stroke-width="1"'));
    parts.push(rect(f.band.x + 0.5, f.band.y + 0.5, f.band.w - 1, f.band.h, f.fill, 'rx="6"'));
  }
  for (const b of chart.badges) {
    parts.push(`<circle cx="${num(b.x)}" cy="${num(b.y)}" r="${num(b.r)}" fill="#334155"/>`);
    parts.push(`<text x="${num(b.x)}" y="${num(b.y + 4.5)}" font-size="12" font-weight="bold" fill="#ffffff" text-anchor="middle">${escapeXml(b.text)}</text>`);
  }
  for (const l of chart.labels) parts.push(labelSvg(l, l.kind === 'detail' || l.kind === 'key' || l.kind === 'empty' ? '#475569' : TEXT));
  parts.push('</svg>');
  return parts.join('\n');
}
