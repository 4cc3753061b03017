import type { AxisSummary, StakeholderQuadrant } from '../methods/scores';
import type { ControlState, Role } from '../protocol/state';
import type { BoardMeta, Locale } from '../schema/doc';
import type { Element, IdeaStatus, TreeKind, TreeNodeRole } from '../schema/elements';
import type { ReportLabels } from './labels';

/** Everything a report is made from: plain data, so the same model serves the server, the CLI and tests. */
export interface ReportInput {
  meta: BoardMeta;
  /** The board's valid elements (shared/schema readElements). */
  elements: readonly Element[];
  /** The facilitation state kept beside the board; null when there is none. */
  control: ControlState | null;
  /** Everyone who joined the session (the server's roster), those present first with their live roles. */
  people: readonly { name: string; role: Role }[];
  /** When the report is made (ms since the epoch). */
  generatedAt: number;
}

/** Someone who took part: present with a role, or known only as the author of something on the board. */
export interface ReportPerson {
  name: string;
  role: Role | 'contributor';
}

export interface ReportPhase {
  title: string;
  minutes: number;
  /** Title of the frame the phase brings people to, if it still exists. */
  frameTitle: string | null;
  current: boolean;
}

export interface StakeholderRow {
  id: string;
  name: string;
  group: string;
  notes: string;
  /** Agreed scores (0–10), or null before scoring. */
  influence: number | null;
  engagement: number | null;
  /** Summary of the individual ratings behind the last reveal. */
  influenceRatings: AxisSummary | null;
  engagementRatings: AxisSummary | null;
  ratings: number;
  /** From the agreed scores, else from the ratings' means; null when neither exists. */
  quadrant: StakeholderQuadrant | null;
}

/** One line of a tree outline, depth-first from the core. */
export interface OutlineItem {
  id: string;
  text: string;
  role: TreeNodeRole;
  /** 0 for a root (the core), 1 for what hangs from it, … */
  depth: number;
}

export type SwotKey = 'swot-s' | 'swot-w' | 'swot-o' | 'swot-t';
export type TowsKey = 'tows-so' | 'tows-st' | 'tows-wo' | 'tows-wt';

export interface SwotItem {
  id: string;
  text: string;
  /** Votes in the last closed round that covered the item; null when no round did. */
  votes: number | null;
}

export interface TowsStrategy {
  id: string;
  text: string;
  /** Texts of the SWOT items it combines (missing ones left out). */
  sources: string[];
}

export interface FactorRow {
  id: string;
  rank: number;
  text: string;
  importance: number | null;
  state: number | null;
  importanceRatings: AxisSummary | null;
  stateRatings: AxisSummary | null;
  ratings: number;
}

export interface IdeaRow {
  id: string;
  title: string;
  description: string;
  place: string;
  status: IdeaStatus;
  /** Title of the idea it was merged into. */
  mergedInto: string | null;
  /** 0 for cards made on the board. */
  submittedAt: number;
}

interface SectionBase {
  /** The method frame this section describes, or null for items found outside any such frame. */
  frameId: string | null;
  /** The frame's title (or the method's name when it has none). */
  title: string;
}

/** One workshop method's outcome; `kind` says which. */
export type ReportSection =
  | (SectionBase & { kind: 'stakeholders'; rows: StakeholderRow[] })
  | (SectionBase & { kind: 'problemTree' | 'objectivesTree'; tree: TreeKind; items: OutlineItem[] })
  | (SectionBase & { kind: 'swot'; quadrants: { key: SwotKey; label: string; items: SwotItem[] }[] })
  | (SectionBase & { kind: 'tows'; cells: { key: TowsKey; label: string; strategies: TowsStrategy[] }[] })
  | (SectionBase & { kind: 'factors'; rows: FactorRow[] })
  | (SectionBase & { kind: 'ideas'; rows: IdeaRow[] });

export type SectionKind = ReportSection['kind'];

export interface ReportVoteRound {
  title: string;
  closedAt: number | null;
  voters: number;
  votesPerPerson: number;
  /** Items with at least one vote, most votes first. */
  items: { id: string; text: string; votes: number }[];
}

/** The report as data: every renderer (DOCX, PDF, Markdown, tables) draws this and nothing else. */
export interface Report {
  locale: Locale;
  labels: ReportLabels;
  title: string;
  createdAt: number;
  generatedAt: number;
  participants: ReportPerson[];
  agenda: ReportPhase[];
  sections: ReportSection[];
  votes: ReportVoteRound[];
}
