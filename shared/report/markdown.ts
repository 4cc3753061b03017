import type { CellValue } from './cells';
import { formatDate, formatNumber } from './labels';
import type { Locale } from '../schema/doc';
import { sectionTable } from './tables';
import type { Report, ReportSection } from './types';

/**
 * Board text as inert Markdown: characters that make emphasis, code, links, images or table
 * cells are escaped, HTML's are entities, and line breaks become spaces, so a note cannot
 * inject links, images or tags into the summary. Text never starts a line here (it follows
 * "- ", "| " or a heading mark), so list and heading marks need no escaping.
 */
export function mdText(text: string): string {
  return text
    .replace(/\r?\n|\r/g, ' ')
    .replace(/[\\`*_[\]|~<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

/** Numbers in the board's language, as in the rest of the summary (8,6 beside "2,4 ± 1"). */
function mdCell(value: CellValue, locale: Locale): string {
  return value === null ? '' : typeof value === 'number' ? formatNumber(value, locale) : mdText(value);
}

function mdTable(columns: readonly string[], rows: readonly (readonly CellValue[])[], locale: Locale): string {
  const line = (cells: readonly CellValue[]) => `| ${cells.map((cell) => mdCell(cell, locale)).join(' | ')} |`;
  return [line(columns), `|${columns.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}

function sectionBody(report: Report, section: ReportSection): string {
  const l = report.labels;
  switch (section.kind) {
    case 'problemTree':
    case 'objectivesTree':
      if (section.items.length === 0) return l.emptyTree;
      return section.items.map((item) => `${'  '.repeat(item.depth)}- **${mdText(l.treeRoles[section.tree][item.role])}:** ${mdText(item.text)}`).join('\n');
    case 'swot':
      return section.quadrants
        .map((q) => `### ${mdText(q.label)}\n\n${q.items.length ? q.items.map((i) => `- ${mdText(i.text)}${i.votes !== null ? ` (${l.votes.toLowerCase()}: ${i.votes})` : ''}`).join('\n') : l.empty}`)
        .join('\n\n');
    case 'tows':
      return section.cells
        .map((c) => `### ${mdText(c.label)}\n\n${c.strategies.length ? c.strategies.map((s) => `- ${mdText(s.text)}${s.sources.length ? ` — ${l.sources.toLowerCase()}: ${s.sources.map(mdText).join('; ')}` : ''}`).join('\n') : l.empty}`)
        .join('\n\n');
    default: {
      // Table-shaped methods: the same rows as the spreadsheet, limited to this section.
      const table = sectionTable(report, section);
      return table && table.rows.length ? mdTable(table.columns, table.rows, report.locale) : l.empty;
    }
  }
}

/** The report as a Markdown summary (for e-mail, a wiki or a repository). */
export function reportToMarkdown(report: Report): string {
  const l = report.labels;
  const parts: string[] = [`# ${mdText(report.title)}`, `${l.report} · ${l.date}: ${formatDate(report.generatedAt, report.locale)}`];
  parts.push(`## ${l.participants}`, report.participants.length ? report.participants.map((p) => `- ${mdText(p.name)} (${l.roles[p.role]})`).join('\n') : l.noParticipants);
  parts.push(
    `## ${l.agenda}`,
    report.agenda.length ? report.agenda.map((p, i) => `${i + 1}. ${mdText(p.title)}${p.minutes ? ` (${p.minutes} min)` : ''}${p.current ? ` — ${l.current}` : ''}`).join('\n') : l.noAgenda,
  );
  for (const section of report.sections) {
    const method = l.methods[section.kind];
    parts.push(`## ${mdText(section.title)}${section.title !== method ? ` (${method})` : ''}`, sectionBody(report, section));
  }
  parts.push(`## ${l.voteResults}`);
  if (report.votes.length === 0) parts.push(l.noVotes);
  for (const round of report.votes) {
    parts.push(`### ${mdText(round.title)}`, `${l.voters}: ${round.voters}${round.closedAt ? ` · ${l.closedAt}: ${formatDate(round.closedAt, report.locale, true)}` : ''}`);
    parts.push(round.items.length ? mdTable([l.item, l.votes], round.items.map((i) => [i.text, i.votes]), report.locale) : l.empty);
  }
  return `${parts.join('\n\n')}\n`;
}
