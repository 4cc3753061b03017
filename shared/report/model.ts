import { ranking } from '../methods/voting';
import type { ControlState } from '../protocol/state';
import { BoardIndex, elementText } from './board-index';
import { REPORT_LABELS } from './labels';
import { buildSections } from './sections';
import type { Report, ReportInput, ReportPerson, ReportPhase, ReportSection, ReportVoteRound } from './types';

export type * from './types';

const ROLE_ORDER = { facilitator: 0, participant: 1, observer: 2, contributor: 3 } as const;

/**
 * Who took part: the people connected now with their roles, then everyone who wrote or
 * rated something on the board (their role is not kept, so they count as contributors).
 */
function participants(input: ReportInput): ReportPerson[] {
  const byName = new Map<string, ReportPerson>();
  const add = (name: string, role: ReportPerson['role']) => {
    const clean = name.trim();
    if (!clean) return;
    const key = clean.toLocaleLowerCase();
    const known = byName.get(key);
    if (!known || ROLE_ORDER[role] < ROLE_ORDER[known.role]) byName.set(key, { name: clean, role });
  };
  for (const person of input.people) add(person.name, person.role);
  for (const element of input.elements) {
    add(element.createdBy, 'contributor');
    if (element.type === 'stakeholder' || element.type === 'factor') for (const rating of element.ratings) add(rating.by, 'contributor');
  }
  const collator = new Intl.Collator(input.meta.locale);
  return [...byName.values()].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || collator.compare(a.name, b.name));
}

function agenda(control: ControlState | null, index: BoardIndex): ReportPhase[] {
  return (control?.agenda ?? []).map((phase, i) => {
    const frame = phase.frameId ? index.byId.get(phase.frameId) : undefined;
    return { title: phase.title, minutes: phase.minutes, frameTitle: frame ? elementText(frame) || null : null, current: control?.currentPhase === i };
  });
}

function voteRounds(control: ControlState | null, index: BoardIndex, deleted: string): ReportVoteRound[] {
  return (control?.rounds ?? [])
    .filter((round) => !round.open && round.results)
    .map((round) => ({
      title: round.title,
      closedAt: round.closedAt,
      voters: round.voters ?? 0,
      votesPerPerson: round.votesPerPerson,
      items: ranking(round.results ?? {})
        .filter((r) => r.votes > 0)
        .map((r) => {
          const element = index.byId.get(r.itemId);
          return { id: r.itemId, text: element ? elementText(element) : deleted, votes: r.votes };
        }),
    }));
}

/** The report of a board: pure data, from which every export format is drawn. */
export function buildReport(input: ReportInput): Report {
  const labels = REPORT_LABELS[input.meta.locale];
  const index = new BoardIndex(input.elements);
  return {
    locale: input.meta.locale,
    labels,
    title: input.meta.title || labels.report,
    createdAt: input.meta.createdAt,
    generatedAt: input.generatedAt,
    participants: participants(input),
    agenda: agenda(input.control, index),
    sections: buildSections(index, labels, input.control),
    votes: voteRounds(input.control, index, labels.none),
  };
}

/**
 * The report limited to one frame: the sections of that frame, or of the method frame
 * around it (a SWOT quadrant gives its SWOT); people, agenda and votes are kept.
 */
export function reportForFrame(report: Report, elements: ReportInput['elements'], frameId: string): Report {
  const index = new BoardIndex(elements);
  const frame = index.byId.get(frameId);
  const keep = (section: ReportSection) => section.frameId !== null && (section.frameId === frameId || (frame !== undefined && index.isInside(frame, section.frameId)));
  return { ...report, sections: report.sections.filter(keep) };
}
