import type { AxisSummary } from '../methods/scores';
import type { CellValue } from './cells';
import { formatDate, formatNumber } from './labels';
import type { Report, ReportSection, SectionKind } from './types';

import type { TableName } from '../protocol/export-formats';

export { TABLE_NAMES, type TableName } from '../protocol/export-formats';

/** One method's outcome as rows: a sheet of the XLSX, or one CSV. */
export interface ReportTable {
  name: TableName;
  /** Human title in the report's language (the sheet's name). */
  title: string;
  columns: string[];
  rows: CellValue[][];
}

type Of<K extends SectionKind> = Extract<ReportSection, { kind: K }>;

function sectionsOf<K extends SectionKind>(report: Report, kind: K): Of<K>[] {
  return report.sections.filter((s): s is Of<K> => s.kind === kind);
}

/** With several frames of one method, a first column says which frame a row comes from. */
function withFrame<K extends SectionKind>(sections: Of<K>[], frameLabel: string, columns: string[], rowsOf: (s: Of<K>) => CellValue[][]): { columns: string[]; rows: CellValue[][] } {
  if (sections.length <= 1) return { columns, rows: sections.flatMap(rowsOf) };
  return { columns: [frameLabel, ...columns], rows: sections.flatMap((s) => rowsOf(s).map((row) => [s.title, ...row])) };
}

/** Every table with at least one section behind it (votes: when a round closed). */
export function reportTables(report: Report): ReportTable[] {
  const l = report.labels;
  const tables: ReportTable[] = [];
  const add = (name: TableName, title: string, table: { columns: string[]; rows: CellValue[][] }) => tables.push({ name, title, ...table });

  const stakeholders = sectionsOf(report, 'stakeholders');
  if (stakeholders.length)
    add('stakeholders', l.methods.stakeholders, withFrame(stakeholders, l.frame, [l.stakeholder, l.group, l.influence, l.engagement, l.quadrant, l.influenceMean, l.influenceSpread, l.engagementMean, l.engagementSpread, l.ratings, l.notes], (s) =>
      s.rows.map((r) => [r.name, r.group, r.influence, r.engagement, r.quadrant ? l.quadrants[r.quadrant] : null, r.influenceRatings?.mean ?? null, r.influenceRatings?.spread ?? null, r.engagementRatings?.mean ?? null, r.engagementRatings?.spread ?? null, r.ratings, r.notes]),
    ));

  for (const kind of ['problemTree', 'objectivesTree'] as const) {
    const trees = sectionsOf(report, kind);
    if (trees.length)
      add(kind, l.methods[kind], withFrame(trees, l.frame, [l.level, l.role, l.text], (s) => s.items.map((item) => [item.depth, l.treeRoles[s.tree][item.role], item.text])));
  }

  const swot = sectionsOf(report, 'swot');
  if (swot.length)
    add('swot', l.methods.swot, withFrame(swot, l.frame, [l.category, l.item, l.votes], (s) => s.quadrants.flatMap((q) => q.items.map((item) => [q.label, item.text, item.votes]))));

  const tows = sectionsOf(report, 'tows');
  if (tows.length)
    add('tows', l.methods.tows, withFrame(tows, l.frame, [l.cell, l.strategy, l.sources], (s) => s.cells.flatMap((c) => c.strategies.map((st) => [c.label, st.text, st.sources.join('; ')]))));

  const factors = sectionsOf(report, 'factors');
  if (factors.length)
    add('factors', l.methods.factors, withFrame(factors, l.frame, [l.rank, l.factor, l.importance, l.state, l.importanceSpread, l.ratings], (s) =>
      s.rows.map((r) => [r.rank, r.text, r.importance, r.state, r.importanceRatings?.spread ?? null, r.ratings]),
    ));

  const ideas = sectionsOf(report, 'ideas');
  if (ideas.length)
    add('ideas', l.methods.ideas, withFrame(ideas, l.frame, [l.idea, l.description, l.place, l.status, l.mergedInto, l.submitted], (s) =>
      s.rows.map((r) => [r.title, r.description, r.place, l.statuses[r.status], r.mergedInto, r.submittedAt ? formatDate(r.submittedAt, report.locale, true) : null]),
    ));

  if (report.votes.length)
    add('votes', l.voteResults, {
      columns: [l.round, l.closedAt, l.voters, l.item, l.votes],
      rows: report.votes.flatMap((round) => round.items.map((item) => [round.title, round.closedAt ? formatDate(round.closedAt, report.locale, true) : null, round.voters, item.text, item.votes])),
    });
  return tables;
}

/**
 * The rows of one section alone, for the table-shaped methods in a document's body. The
 * stakeholder table is folded to fit a portrait page with every word whole: one column per
 * axis, "agreed · mean ± spread (count)" ("– · …" before agreeing, the agreed score alone
 * when nobody rated).
 */
export function sectionTable(report: Report, section: ReportSection): ReportTable | undefined {
  const l = report.labels;
  if (section.kind === 'stakeholders') {
    const n = (value: number) => formatNumber(value, report.locale);
    const axis = (agreed: number | null, s: AxisSummary | null, count: number) => {
      if (!s) return agreed === null ? null : n(agreed);
      return `${agreed === null ? '–' : n(agreed)} · ${n(s.mean)} ± ${n(s.spread)} (${count})`;
    };
    return {
      name: 'stakeholders',
      title: l.methods.stakeholders,
      // "Nr" is the number the stakeholder chart's markers carry (shared/picture/stakeholder-chart.ts).
      columns: [l.number, l.stakeholder, l.group, l.quadrant, l.ratedInfluence, l.ratedEngagement],
      rows: section.rows.map((r, i) => [i + 1, r.name, r.group, r.quadrant ? l.quadrants[r.quadrant] : null, axis(r.influence, r.influenceRatings, r.ratings), axis(r.engagement, r.engagementRatings, r.ratings)]),
    };
  }
  return reportTables({ ...report, sections: [section], votes: [] })[0];
}
