import * as Y from 'yjs';
import { aggregate, countRatings, withEarlierRatings, isRatable, putRating, ratingsOf, revealPatch, takeRatings, validateRating, type PendingRatings, type RatingValues } from '../../shared/methods/ratings';
import { updateElement } from '../../shared/ops/elements';
import type { Ack, Command } from '../../shared/protocol/commands';
import { elementsOf } from '../../shared/schema/doc';
import { LIMITS } from '../../shared/schema/limits';
import { toPlain } from '../../shared/schema/plain';
import { own } from '../../shared/schema/records';
import type { Logger } from '../log';
import type { FacilitatedBoard } from './board';

type RatingCommand = Extract<Command, { type: 'rating.submit' | 'rating.reveal' | 'rating.clear' }>;

/** What the rating steps need from the facilitation server around them. */
export interface RatingOutlets {
  /** Sends the public state (with the new counts) to everyone on the board. */
  emitState(board: FacilitatedBoard): void;
  /** Sends one person their own scores. */
  emitMine(board: FacilitatedBoard, sessionId: string, mine: Record<string, RatingValues>): void;
  log: Logger;
}

/**
 * Blind scoring on the server: scores are kept here (saved with the facilitation state),
 * everyone sees only how many people scored each card, each person gets their own scores
 * back, and a reveal writes means and individual scores into the document.
 */
export function handleRating(board: FacilitatedBoard, sessionId: string, command: RatingCommand, out: RatingOutlets): Ack {
  switch (command.type) {
    case 'rating.submit':
      return submit(board, sessionId, command.elementId, command.values, out);
    case 'rating.reveal':
      return reveal(board, command.frameId, out);
    case 'rating.clear':
      return clear(board, command.frameId, out);
  }
}

function submit(board: FacilitatedBoard, sessionId: string, elementId: string, values: Record<string, number>, out: RatingOutlets): Ack {
  const element = elementsOf(board.doc).get(elementId);
  const type = element instanceof Y.Map ? element.get('type') : undefined;
  if (!isRatable(type)) return { ok: false, error: 'no such stakeholder or factor on the board' };
  const checked = validateRating(type, values);
  if (!checked.ok) return checked;
  const control = board.facilitation;
  const scored = own(control.ratings, elementId) ?? {};
  if (!own(scored, sessionId) && Object.keys(scored).length >= LIMITS.maxRatings) return { ok: false, error: `at most ${LIMITS.maxRatings} people can score one card` };
  const next = putRating(control.ratings, elementId, sessionId, { by: control.nameOf(sessionId).slice(0, LIMITS.maxLabelLength), values: checked.values });
  save(board, next, out);
  out.emitMine(board, sessionId, ratingsOf(next, sessionId));
  return { ok: true };
}

/** Ratable cards whose frame is `frameId`. */
function cardsIn(board: FacilitatedBoard, frameId: string): Map<string, Y.Map<unknown>> {
  const cards = new Map<string, Y.Map<unknown>>();
  elementsOf(board.doc).forEach((element, id) => {
    if (element instanceof Y.Map && element.get('parentId') === frameId && isRatable(element.get('type'))) cards.set(id, element);
  });
  return cards;
}

function frameOf(board: FacilitatedBoard, frameId: string): Y.Map<unknown> | null {
  const frame = elementsOf(board.doc).get(frameId);
  return frame instanceof Y.Map && frame.get('type') === 'frame' ? frame : null;
}

function reveal(board: FacilitatedBoard, frameId: string, out: RatingOutlets): Ack {
  const frame = frameOf(board, frameId);
  if (!frame) return { ok: false, error: 'no such frame' };
  const cards = cardsIn(board, frameId);
  const { taken, kept } = takeRatings(board.facilitation.ratings, cards.keys());
  if (Object.keys(taken).length === 0) return { ok: false, error: 'nobody has scored the cards in this frame yet' };
  writeReveal(board, frame, cards, taken, out.log);
  save(board, withoutDeleted(board, kept), out);
  notifyAuthors(board, taken, kept, out);
  return { ok: true };
}

function clear(board: FacilitatedBoard, frameId: string, out: RatingOutlets): Ack {
  if (!frameOf(board, frameId)) return { ok: false, error: 'no such frame' };
  const { taken, kept } = takeRatings(board.facilitation.ratings, cardsIn(board, frameId).keys());
  save(board, withoutDeleted(board, kept), out);
  notifyAuthors(board, taken, kept, out);
  return { ok: true };
}

/** Means, individual scores and (on the map) the place at the mean, as one server edit. */
function writeReveal(board: FacilitatedBoard, frame: Y.Map<unknown>, cards: Map<string, Y.Map<unknown>>, taken: PendingRatings, log: Logger): void {
  const framePlain = toPlain(frame) as { method: string | null; x: number; y: number; w: number; h: number };
  board.doc.transact(() => {
    for (const [id, bySession] of Object.entries(taken)) {
      const card = cards.get(id)!;
      const plain = toPlain(card) as { type: 'stakeholder' | 'factor'; x: number; y: number; w: number; h: number };
      const revealed = aggregate(plain.type, withEarlierRatings(plain.type, toPlain(card).ratings, Object.values(bySession)), LIMITS.maxRatings);
      if (!revealed) continue;
      try {
        updateElement(board.doc, id, revealPatch(plain, framePlain, revealed), 'server');
      } catch (err) {
        // One damaged card must not keep the others' results off the board.
        log.error({ err, boardId: board.boardId, elementId: id }, 'revealing scores failed for a card');
      }
    }
  }, 'server');
}

/** Scores of cards deleted since go too (they could never be revealed). */
function withoutDeleted(board: FacilitatedBoard, pending: PendingRatings): PendingRatings {
  const elements = elementsOf(board.doc);
  return takeRatings(pending, Object.keys(pending).filter((id) => !elements.has(id))).kept;
}

function save(board: FacilitatedBoard, ratings: PendingRatings, out: RatingOutlets): void {
  void board.facilitation.commitRatings(ratings, { ...board.facilitation.state, ratingCounts: countRatings(ratings) });
  out.emitState(board);
}

/** People whose scores were revealed or cleared get their remaining own scores. */
function notifyAuthors(board: FacilitatedBoard, taken: PendingRatings, kept: PendingRatings, out: RatingOutlets): void {
  const authors = new Set(Object.values(taken).flatMap((bySession) => Object.keys(bySession)));
  for (const sessionId of authors) out.emitMine(board, sessionId, ratingsOf(kept, sessionId));
}
