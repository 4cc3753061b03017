import { elementBounds, type ElementLookup } from '../geometry/elements';
import { expand, intersects, type Point, type Rect } from '../geometry/rect';
import { canVoteOn, ancestorFrames } from '../rules/areas';
import { ELEMENT_DEFINITIONS, type Element, type ElementType, type IdeaStatus } from '../schema/elements';
import { own } from '../schema/records';
import { axesOf, isRatable } from './ratings';

/**
 * What the outline says about an element beside its kind and name: everything the canvas
 * shows about it (scores, votes, status, locks), so that a screen reader misses nothing.
 * Pure: the outline view turns each fact into words of the interface language.
 */

/** The words that name an element: a stakeholder's name, an idea's or a frame's title, otherwise its text. */
export function elementName(element: Element): string {
  const field = nameField(element.type);
  const value = field ? (element as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
}

/** The text field that names an element of this type (what the outline edits), or null for lines and drawings. */
export function nameField(type: ElementType): string | null {
  return ELEMENT_DEFINITIONS[type].textFields[0] ?? null;
}

/** One score axis with its value. */
export interface AxisValue {
  axis: string;
  value: number;
}

/** One thing the outline says about an element. */
export type OutlineFact =
  | { kind: 'frame'; title: string }
  | { kind: 'group'; value: string }
  | { kind: 'place'; value: string }
  | { kind: 'status'; status: IdeaStatus }
  /** Agreed scores (the means of the last reveal). */
  | { kind: 'scores'; axes: AxisValue[] }
  /** This person's own score, not yet revealed. */
  | { kind: 'myScore'; axes: AxisValue[] }
  /** How many people have scored it since the last reveal. */
  | { kind: 'rated'; count: number }
  /** It takes votes in the open round; `mine` of this person's votes are on it. */
  | { kind: 'votable'; mine: number }
  /** Votes it got in the last closed round. */
  | { kind: 'votes'; count: number }
  | { kind: 'locked' }
  | { kind: 'private' }
  /** How many elements a frame holds directly. */
  | { kind: 'holds'; count: number };

/** What the facts depend on besides the element: the board and the facilitation state seen by this person. */
export interface FactContext {
  lookup: ElementLookup;
  /** The open vote round, if any. */
  round: { frameId: string | null; itemIds: readonly string[] | null } | null;
  /** This person's votes in the open round (one id per vote). */
  myVotes: readonly string[];
  /** Results of the last closed round (when no round is open). */
  lastResults: Readonly<Record<string, number>> | null;
  myRatings: Readonly<Record<string, Readonly<Record<string, number>>>>;
  ratingCounts: Readonly<Record<string, number>>;
  lockedFrames: readonly string[];
  privateFrames: readonly string[];
  /** How many outline children the element has (for frames). */
  children: number;
}

const text = (value: unknown) => (typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '');

/** The facts the outline reads for `element`, in reading order. */
export function outlineFacts(element: Element, ctx: FactContext): OutlineFact[] {
  const facts: OutlineFact[] = [];
  const frameId = ancestorFrames(element, ctx.lookup)[0];
  const frame = frameId ? ctx.lookup(frameId) : undefined;
  if (frame?.type === 'frame') facts.push({ kind: 'frame', title: text(frame.title) });
  if (element.type === 'stakeholder' && text(element.group)) facts.push({ kind: 'group', value: text(element.group) });
  if (element.type === 'idea') {
    facts.push({ kind: 'status', status: element.status });
    if (text(element.place)) facts.push({ kind: 'place', value: text(element.place) });
  }
  if (isRatable(element.type)) {
    const fields = element as unknown as Record<string, unknown>;
    const axes = axesOf(element.type);
    const agreed = axes.flatMap((axis) => (typeof fields[axis] === 'number' ? [{ axis, value: fields[axis] as number }] : []));
    if (agreed.length) facts.push({ kind: 'scores', axes: agreed });
    const mine = own(ctx.myRatings, element.id);
    if (mine) facts.push({ kind: 'myScore', axes: axes.flatMap((axis) => (typeof own(mine, axis) === 'number' ? [{ axis, value: own(mine, axis)! }] : [])) });
    const count = own(ctx.ratingCounts, element.id) ?? 0;
    if (count > 0) facts.push({ kind: 'rated', count });
  }
  if (ctx.round && canVoteOn(ctx.round, element, ctx.lookup)) facts.push({ kind: 'votable', mine: ctx.myVotes.filter((id) => id === element.id).length });
  else if (!ctx.round && ctx.lastResults) {
    const count = own(ctx.lastResults, element.id) ?? 0;
    if (count > 0) facts.push({ kind: 'votes', count });
  }
  const inside = element.type === 'frame' ? [element.id, ...ancestorFrames(element, ctx.lookup)] : ancestorFrames(element, ctx.lookup);
  if (inside.some((id) => ctx.lockedFrames.includes(id))) facts.push({ kind: 'locked' });
  if (inside.some((id) => ctx.privateFrames.includes(id))) facts.push({ kind: 'private' });
  if (element.type === 'frame') facts.push({ kind: 'holds', count: ctx.children });
  return facts;
}

const GAP = 24;
/** Room left at a frame's top for its title bar and method labels. */
const TOP = 48;

/**
 * Where an element of `size` goes inside `frame` without covering what is there: the first
 * free place row by row from the top left, as a person would put it; below everything when
 * the frame is full (it still belongs to the frame). `obstacles` are the frame's contents.
 */
export function placeInFrame(frame: Rect, size: { w: number; h: number }, obstacles: readonly Rect[]): Point {
  const left = frame.x + GAP;
  const right = frame.x + frame.w - GAP;
  const free = (p: Point) => !obstacles.some((o) => intersects(expand(o, GAP - 1), { ...p, ...size }));
  for (let y = frame.y + TOP; y + size.h <= frame.y + frame.h - GAP; y += GAP) {
    for (let x = left; x + size.w <= right; ) {
      if (free({ x, y })) return { x, y };
      // Past the obstacles in the way, to the next candidate on this row.
      const blocking = obstacles.filter((o) => intersects(expand(o, GAP - 1), { x, y, ...size }));
      x = Math.max(x + GAP, ...blocking.map((o) => o.x + o.w + GAP));
    }
  }
  const bottom = Math.max(frame.y + TOP, ...obstacles.map((o) => o.y + o.h + GAP));
  return { x: left, y: bottom };
}

/** The boxes of what a frame holds directly (its parentId), for placeInFrame. */
export function contentsOf(frameId: string, elements: readonly Element[], lookup: ElementLookup, except: string | null = null): Rect[] {
  return elements.filter((e) => e.parentId === frameId && e.id !== except && e.type !== 'connector').map((e) => elementBounds(e, lookup));
}
