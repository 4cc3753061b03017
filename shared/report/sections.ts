import { quadrantOf, rankFactors, summarise } from '../methods/scores';
import type { ControlState } from '../protocol/state';
import { TOWS_REF_PREFIX } from '../methods/tows';
import type { Element, ElementOf, FrameMethod, TreeKind } from '../schema/elements';
import { BoardIndex, byPosition, elementText, isItem } from './board-index';
import type { ReportLabels } from './labels';
import type { FactorRow, IdeaRow, OutlineItem, ReportSection, StakeholderRow, SwotItem, SwotKey, TowsKey, TowsStrategy } from './types';
import { own } from '../schema/records';

const SWOT_KEYS: readonly SwotKey[] = ['swot-s', 'swot-w', 'swot-o', 'swot-t'];
const TOWS_KEYS: readonly TowsKey[] = ['tows-so', 'tows-st', 'tows-wo', 'tows-wt'];
const QUADRANT_ORDER = ['manageClosely', 'keepSatisfied', 'keepInformed', 'monitor'];

type Section = ReportSection;
type Frame = ElementOf<'frame'>;

function ofType<T extends Element['type']>(elements: readonly Element[], type: T): ElementOf<T>[] {
  return elements.filter((e): e is ElementOf<T> => e.type === type);
}

function titleOf(frame: Frame | undefined, fallback: string): string {
  return frame?.title.trim() || fallback;
}

export function stakeholderRow(s: ElementOf<'stakeholder'>): StakeholderRow {
  const influenceRatings = summarise(s.ratings.map((r) => r.influence));
  const engagementRatings = summarise(s.ratings.map((r) => r.engagement));
  const influence = s.influence ?? influenceRatings?.mean ?? null;
  const engagement = s.engagement ?? engagementRatings?.mean ?? null;
  return {
    id: s.id,
    name: s.name,
    group: s.group,
    notes: s.notes,
    influence: s.influence,
    engagement: s.engagement,
    influenceRatings,
    engagementRatings,
    ratings: s.ratings.length,
    quadrant: influence !== null && engagement !== null ? quadrantOf(influence, engagement) : null,
  };
}

/** Most important quadrant first, then by influence, then by name. */
function byQuadrant(a: StakeholderRow, b: StakeholderRow): number {
  const qa = a.quadrant ? QUADRANT_ORDER.indexOf(a.quadrant) : 9;
  const qb = b.quadrant ? QUADRANT_ORDER.indexOf(b.quadrant) : 9;
  return qa - qb || (b.influence ?? -1) - (a.influence ?? -1) || a.name.localeCompare(b.name);
}

/** Depth-first outline of tree nodes: roots (the core first), each followed by its branch. */
export function outline(nodes: readonly ElementOf<'treeNode'>[]): OutlineItem[] {
  const ids = new Set(nodes.map((n) => n.id));
  const children = new Map<string | null, ElementOf<'treeNode'>[]>();
  for (const node of nodes) {
    const parent = node.parentNode !== null && ids.has(node.parentNode) && node.parentNode !== node.id ? node.parentNode : null;
    const list = children.get(parent) ?? [];
    list.push(node);
    children.set(parent, list);
  }
  // Effects read before causes under a node (they sit above it on the board); left to right within each.
  const roleOrder = { core: 0, effect: 1, cause: 2 } as const;
  const order = (a: ElementOf<'treeNode'>, b: ElementOf<'treeNode'>) => roleOrder[a.role] - roleOrder[b.role] || a.x - b.x || byPosition(a, b);
  const out: OutlineItem[] = [];
  const seen = new Set<string>();
  const visit = (node: ElementOf<'treeNode'>, depth: number) => {
    if (seen.has(node.id)) return;
    seen.add(node.id);
    out.push({ id: node.id, text: node.text, role: node.role, depth });
    for (const child of (children.get(node.id) ?? []).sort(order)) visit(child, depth + 1);
  };
  for (const root of (children.get(null) ?? []).sort(order)) visit(root, 0);
  // Nodes only reachable through a cycle of parent links still appear, as roots.
  for (const node of [...nodes].sort(order)) visit(node, 0);
  return out;
}

/** Votes per item from the closed rounds, the latest round that covered an item deciding. */
export function votesByItem(control: ControlState | null, index: BoardIndex): Map<string, number> {
  const votes = new Map<string, number>();
  for (const round of control?.rounds ?? []) {
    if (round.open || !round.results) continue;
    const covered = new Set(round.itemIds ?? []);
    if (round.frameId) for (const e of index.elements) if (e.parentId === round.frameId) covered.add(e.id);
    for (const id of Object.keys(round.results)) covered.add(id);
    for (const id of covered) votes.set(id, own(round.results, id) ?? 0);
  }
  return votes;
}

function swotSections(index: BoardIndex, labels: ReportLabels, votes: Map<string, number>): Section[] {
  const item = (e: Element): SwotItem => ({ id: e.id, text: elementText(e), votes: votes.get(e.id) ?? null });
  const quadrantsIn = (frames: Frame[]) =>
    SWOT_KEYS.map((key) => ({
      key,
      label: labels.swotQuadrants[key],
      items: frames.filter((f) => f.method === key).flatMap((f) => index.contentsOf(f.id).filter(isItem).map(item)),
    }));
  const outer = index.framesOf(['swot']);
  const quarters = index.framesOf(SWOT_KEYS);
  const sections: Section[] = outer.map((frame) => ({
    kind: 'swot',
    frameId: frame.id,
    title: titleOf(frame, labels.methods.swot),
    quadrants: quadrantsIn(quarters.filter((q) => index.enclosing(q, ['swot'])?.id === frame.id)),
  }));
  const loose = quarters.filter((q) => !index.enclosing(q, ['swot']));
  if (loose.length) sections.push({ kind: 'swot', frameId: null, title: labels.methods.swot, quadrants: quadrantsIn(loose) });
  return sections;
}

function towsSections(index: BoardIndex, labels: ReportLabels): Section[] {
  const strategy = (e: Element): TowsStrategy => ({
    id: e.id,
    text: elementText(e),
    sources: e.type === 'strategy' ? e.sources.map((id) => index.byId.get(id)).filter((s): s is Element => s !== undefined).map(elementText) : [],
  });
  const cellsIn = (frames: Frame[]) =>
    TOWS_KEYS.map((key) => ({
      key,
      label: labels.towsCells[key],
      // The cell's labels repeat SWOT items (already in the SWOT section); a strategy names its own.
      strategies: frames.filter((f) => f.method === key).flatMap((f) => index.contentsOf(f.id).filter((e) => isItem(e) && !e.id.startsWith(TOWS_REF_PREFIX)).map(strategy)),
    }));
  const outer = index.framesOf(['tows']);
  const cells = index.framesOf(TOWS_KEYS);
  const sections: Section[] = outer.map((frame) => ({
    kind: 'tows',
    frameId: frame.id,
    title: titleOf(frame, labels.methods.tows),
    cells: cellsIn(cells.filter((c) => index.enclosing(c, ['tows'])?.id === frame.id)),
  }));
  const loose = cells.filter((c) => !index.enclosing(c, ['tows']));
  if (loose.length) sections.push({ kind: 'tows', frameId: null, title: labels.methods.tows, cells: cellsIn(loose) });
  return sections;
}

export function factorRows(factors: readonly ElementOf<'factor'>[]): FactorRow[] {
  const rows = factors.map((f) => {
    const importanceRatings = summarise(f.ratings.map((r) => r.importance));
    const stateRatings = summarise(f.ratings.map((r) => r.state));
    return { id: f.id, rank: 0, text: f.text, importance: f.importance ?? importanceRatings?.mean ?? null, state: f.state ?? stateRatings?.mean ?? null, importanceRatings, stateRatings, ratings: f.ratings.length };
  });
  return rankFactors(rows).map((row, i) => ({ ...row, rank: i + 1 }));
}

function ideaRows(ideas: readonly ElementOf<'idea'>[], index: BoardIndex): IdeaRow[] {
  const statusOrder = { accepted: 0, new: 1, merged: 2, rejected: 3 } as const;
  return [...ideas]
    .sort((a, b) => statusOrder[a.status] - statusOrder[b.status] || a.submittedAt - b.submittedAt || byPosition(a, b))
    .map((idea) => {
      const target = idea.mergedInto ? index.byId.get(idea.mergedInto) : undefined;
      return { id: idea.id, title: idea.title, description: idea.description, place: idea.place, status: idea.status, mergedInto: target ? elementText(target) : null, submittedAt: idea.submittedAt };
    });
}

/** Sections of one element-based method: one per method frame, plus one for items outside any. */
function grouped<E extends Element>(index: BoardIndex, items: E[], method: FrameMethod, fallback: string, build: (frameId: string | null, title: string, items: E[]) => Section | null): Section[] {
  const out: Section[] = [];
  for (const [frameId, group] of index.assign(items, [method])) {
    const frame = frameId ? (index.byId.get(frameId) as Frame | undefined) : undefined;
    if (frameId === null && group.length === 0) continue;
    const section = build(frameId, titleOf(frame, fallback), group);
    if (section) out.push(section);
  }
  return out;
}

/** Every method's sections, in the order the workshop runs them. */
export function buildSections(index: BoardIndex, labels: ReportLabels, control: ControlState | null): Section[] {
  const votes = votesByItem(control, index);
  const m = labels.methods;
  const treeNodes = (tree: TreeKind) => ofType(index.elements, 'treeNode').filter((n) => n.tree === tree);
  return [
    ...grouped(index, ofType(index.elements, 'stakeholder'), 'stakeholders', m.stakeholders, (frameId, title, items) => ({ kind: 'stakeholders', frameId, title, rows: items.map(stakeholderRow).sort(byQuadrant) })),
    ...grouped(index, treeNodes('problem'), 'problemTree', m.problemTree, (frameId, title, items) => ({ kind: 'problemTree', tree: 'problem', frameId, title, items: outline(items) })),
    ...grouped(index, treeNodes('objective'), 'objectivesTree', m.objectivesTree, (frameId, title, items) => ({ kind: 'objectivesTree', tree: 'objective', frameId, title, items: outline(items) })),
    ...swotSections(index, labels, votes),
    ...towsSections(index, labels),
    ...grouped(index, ofType(index.elements, 'factor'), 'factors', m.factors, (frameId, title, items) => ({ kind: 'factors', frameId, title, rows: factorRows(items) })),
    ...grouped(index, ofType(index.elements, 'idea'), 'ideas', m.ideas, (frameId, title, items) => ({ kind: 'ideas', frameId, title, rows: ideaRows(items, index) })),
  ];
}
