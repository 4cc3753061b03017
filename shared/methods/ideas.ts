import type * as Y from 'yjs';
import { z } from 'zod';
import type { Rect } from '../geometry/rect';
import { createElements, updateElement } from '../ops/elements';
import { IDEA_LIMITS, type IdeaStatus } from '../schema/elements/idea';
import type { Element } from '../schema/elements';
import { elementsOf } from '../schema/doc';
import { parseElement } from '../schema/plain';

// Control characters are exactly what these patterns look for.
/* eslint-disable no-control-regex */
const CONTROL_OR_SPACE = /[\u0000-\u001f\u007f\s]+/g;
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f]/g;
/* eslint-enable no-control-regex */

/** Single-line text: trimmed, inner runs of whitespace (and control characters) collapsed. */
const line = (max: number) =>
  z
    .string()
    .transform((s) => s.replace(CONTROL_OR_SPACE, ' ').trim())
    .pipe(z.string().max(max));

/**
 * What a resident sends through the public idea form (karta zgłoszenia pomysłu). Only the
 * title is required; control characters other than line breaks are dropped from the
 * description so nothing invisible reaches the board or the report.
 */
export const ideaSubmissionSchema = z.object({
  title: line(IDEA_LIMITS.title).pipe(z.string().min(1, 'title is required')),
  description: z
    .string()
    .transform((s) => s.replace(/\r\n?/g, '\n').replace(CONTROL_BUT_NEWLINE, '').trim())
    .pipe(z.string().max(IDEA_LIMITS.description))
    .default(''),
  place: line(IDEA_LIMITS.place).default(''),
  contact: line(IDEA_LIMITS.contact).default(''),
  /** The optional consent to keep the contact (RODO); without it the contact is not stored. */
  consent: z.boolean().default(false),
  /** The language the form (and so the consent's wording) was shown in; the board's when absent. */
  language: z.enum(['pl', 'en']).optional(),
});
export type IdeaSubmission = z.infer<typeof ideaSubmissionSchema>;

/** Card size and spacing of ideas in the inbox frame. */
export const IDEA_CARD = { w: 280, h: 200, gap: 24, margin: 40, header: 40 } as const;

/**
 * Where the next idea goes in the inbox: the first free cell of a grid that fills the
 * frame's width row by row. Cells that any existing card overlaps count as taken, so ideas
 * dragged around by the facilitator are never covered.
 */
export function nextIdeaSlot(frame: Rect, taken: readonly Rect[]): { x: number; y: number } {
  const { w, h, gap, margin, header } = IDEA_CARD;
  const columns = Math.max(1, Math.floor((frame.w - 2 * margin + gap) / (w + gap)));
  const overlaps = (x: number, y: number) => taken.some((r) => r.x < x + w && x < r.x + r.w && r.y < y + h && y < r.y + r.h);
  for (let index = 0; index < 10_000; index++) {
    const x = frame.x + margin + (index % columns) * (w + gap);
    const y = frame.y + header + margin + Math.floor(index / columns) * (h + gap);
    if (!overlaps(x, y)) return { x, y };
  }
  return { x: frame.x + margin, y: frame.y + frame.h };
}

/** What the facilitator can do with an idea in each status. */
export const IDEA_ACTIONS: Record<IdeaStatus, readonly IdeaStatus[]> = {
  new: ['accepted', 'merged', 'rejected'],
  accepted: ['new', 'merged', 'rejected'],
  merged: ['new'],
  rejected: ['new'],
};

const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
/** An element's box, read straight from its map: a submission must not validate a whole big board. */
const boxOf = (element: Y.Map<unknown>): Rect => ({ x: num(element.get('x')), y: num(element.get('y')), w: num(element.get('w')), h: num(element.get('h')) });

/** Submitted ideas land in the inbox frame; this finds it, or makes one right of the board. */
export function inboxFrame(doc: Y.Doc, title: string, origin?: unknown): Element & { type: 'frame' } {
  const elements = elementsOf(doc);
  for (const element of elements.values()) {
    if (element.get('type') !== 'frame' || element.get('method') !== 'ideas') continue;
    const parsed = parseElement(element);
    if (parsed.ok && parsed.element.type === 'frame') return parsed.element;
  }
  let right = 0;
  let top = Infinity;
  for (const element of elements.values()) {
    const box = boxOf(element);
    right = Math.max(right, box.x + box.w);
    top = Math.min(top, box.y);
  }
  const [id] = createElements(doc, [{ type: 'frame', method: 'ideas', title, x: elements.size ? right + 200 : 0, y: Number.isFinite(top) ? top : 0, w: 1300, h: 1000 }], '', origin);
  const created = parseElement(elements.get(id!));
  return (created.ok ? created.element : null) as Element & { type: 'frame' };
}

/**
 * Puts a submitted idea on the board as a new card in the inbox frame, in the first free
 * slot, growing the frame downwards when it is full. Returns the card's id.
 */
export function addIdeaToInbox(doc: Y.Doc, idea: Pick<IdeaSubmission, 'title' | 'description' | 'place'>, options: { frameTitle: string; now: number; origin?: unknown }): string {
  let ideaId = '';
  doc.transact(() => {
    const frame = inboxFrame(doc, options.frameTitle, options.origin);
    const taken = [...elementsOf(doc).values()].filter((e) => e.get('parentId') === frame.id).map(boxOf);
    const slot = nextIdeaSlot(frame, taken);
    const bottom = slot.y + IDEA_CARD.h + IDEA_CARD.margin;
    if (bottom > frame.y + frame.h) updateElement(doc, frame.id, { h: bottom - frame.y }, options.origin);
    [ideaId] = createElements(
      doc,
      [{ type: 'idea', title: idea.title, description: idea.description, place: idea.place, status: 'new', submittedAt: options.now, x: slot.x, y: slot.y, w: IDEA_CARD.w, h: IDEA_CARD.h, parentId: frame.id }],
      '',
      options.origin,
    ) as [string];
  }, options.origin);
  return ideaId;
}
