import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ELEMENT_DEFINITIONS, ELEMENT_TYPES, NOTE_COLOURS, elementsOf, readElements, type ElementType } from '../../shared/schema';
import {
  OpError,
  createElements,
  deleteElements,
  initBoard,
  moveElements,
  putIntoFrame,
  renameBoard,
  reorderElements,
  updateElement,
  type NewElement,
  type ReorderDirection,
} from '../../shared/ops';
import { mulberry32, snapshot, sync } from './support';

/**
 * Two replicas apply a seeded pseudo-random sequence of operations, exchanging their updates
 * at random moments, in random order and in random batches, as a flaky network would. After
 * everything is delivered they must be identical and every element must still validate.
 * A failing seed is in the test's name; replay one with WARSZTAT_FUZZ_SEED=<seed>.
 */

const OPS_PER_RUN = 120;
const DEFAULT_SEEDS = Array.from({ length: 30 }, (_, i) => 0x5eed + i * 7919);
const SEEDS = process.env.WARSZTAT_FUZZ_SEED ? [Number(process.env.WARSZTAT_FUZZ_SEED)] : DEFAULT_SEEDS;
const DIRECTIONS: ReorderDirection[] = ['front', 'back', 'forward', 'backward'];
const REMOTE = 'fuzz:remote';

interface Replica {
  name: string;
  doc: Y.Doc;
  /** Updates made here and not yet delivered to the other replica. */
  outbox: Uint8Array[];
  created: number;
}

function replica(name: string, clientID: number): Replica {
  const doc = new Y.Doc();
  // Fixed client ids make conflict resolution, and so a whole run, repeatable from its seed.
  doc.clientID = clientID;
  const r: Replica = { name, doc, outbox: [], created: 0 };
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) r.outbox.push(update);
  });
  return r;
}

function runFuzz(seed: number): { a: Replica; b: Replica; log: string[]; refused: number; diverged: boolean } {
  const rng = mulberry32(seed);
  const int = (n: number) => Math.floor(rng() * n);
  const pick = <T>(items: readonly T[]): T | undefined => (items.length ? items[int(items.length)] : undefined);
  const some = <T>(items: readonly T[]): T[] => items.filter(() => rng() < 0.3);
  const word = () => Array.from({ length: 1 + int(6) }, () => 'abcdefghij ąęł'[int(14)]).join('');
  const colour = () => pick(NOTE_COLOURS)!;

  const a = replica('a', 1);
  const b = replica('b', 2);
  initBoard(a.doc, 'Fuzz', 'pl', 1);
  const log: string[] = [];
  let refused = 0;

  /** Delivers some (or all) of `from`'s pending updates to `to`, in shuffled order. */
  const deliver = (from: Replica, to: Replica, all: boolean) => {
    const batch = all ? from.outbox.splice(0) : from.outbox.splice(0, int(from.outbox.length + 1));
    for (let i = batch.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [batch[i], batch[j]] = [batch[j]!, batch[i]!];
    }
    for (const update of batch) Y.applyUpdate(to.doc, update, REMOTE);
  };

  const newElement = (r: Replica, ids: string[]): NewElement => {
    const type = pick(ELEMENT_TYPES) as ElementType;
    const input: NewElement = { type, id: `${r.name}${r.created++}`, x: int(1000) - 500, y: int(1000) - 500 };
    for (const field of ELEMENT_DEFINITIONS[type].textFields) input[field] = word();
    if (type === 'connector') Object.assign(input, { from: pick(ids) ?? null, to: pick(ids) ?? null, points: [0, 0, int(50), int(50)] });
    if (type === 'stroke') input.points = [0, 0, int(20), int(20), int(40), int(40)];
    return input;
  };

  const patchFor = (type: ElementType): Record<string, unknown> => {
    const options: Record<string, unknown>[] = [{ x: int(2000) - 1000 }, { y: int(2000) - 1000 }, { w: int(400) }, { rotation: int(720) - 360 }];
    for (const field of ELEMENT_DEFINITIONS[type].textFields) options.push({ [field]: word() });
    for (const field of ['color', 'fill', 'stroke']) if (field in ELEMENT_DEFINITIONS[type].defaults) options.push({ [field]: colour() });
    return pick(options)!;
  };

  const step = (r: Replica) => {
    const doc = r.doc;
    const ids = [...elementsOf(doc).keys()];
    const frames = ids.filter((id) => elementsOf(doc).get(id)?.get('type') === 'frame');
    const roll = int(100);
    if (roll < 25 || ids.length < 3) {
      const inputs = Array.from({ length: 1 + int(2) }, () => newElement(r, ids));
      log.push(`${r.name} create ${inputs.map((i) => `${i.type}:${i.id}`).join(',')}`);
      createElements(doc, inputs, r.name);
      return;
    }
    const target = pick(ids)!;
    const element = elementsOf(doc).get(target)!;
    const type = element.get('type') as ElementType;
    if (roll < 45) {
      const patch = patchFor(type);
      log.push(`${r.name} update ${target} ${JSON.stringify(patch)}`);
      updateElement(doc, target, patch);
    } else if (roll < 58) {
      const field = ELEMENT_DEFINITIONS[type].textFields[0];
      const text = field ? element.get(field) : undefined;
      if (!(text instanceof Y.Text)) return;
      if (rng() < 0.7 || text.length === 0) {
        const at = int(text.length + 1);
        const inserted = word();
        log.push(`${r.name} type ${target}.${field} @${at} ${JSON.stringify(inserted)}`);
        text.insert(at, inserted);
      } else {
        const at = int(text.length);
        const length = 1 + int(text.length - at);
        log.push(`${r.name} erase ${target}.${field} @${at}+${length}`);
        text.delete(at, length);
      }
    } else if (roll < 68) {
      const moving = [target, ...some(ids)];
      const [dx, dy] = [int(100) - 50, int(100) - 50];
      log.push(`${r.name} move ${moving} by ${dx},${dy}`);
      moveElements(doc, moving, dx, dy);
    } else if (roll < 76) {
      const doomed = [target, ...(rng() < 0.2 ? some(ids) : [])];
      log.push(`${r.name} delete ${doomed}`);
      deleteElements(doc, doomed);
    } else if (roll < 88) {
      const selection = [target, ...(rng() < 0.3 ? some(ids) : [])];
      const direction = pick(DIRECTIONS)!;
      log.push(`${r.name} reorder ${selection} ${direction}`);
      reorderElements(doc, selection, direction);
    } else if (roll < 97) {
      const frame = rng() < 0.2 ? null : pick(frames) ?? null;
      const members = [target, ...some(ids)].filter((id) => id !== frame);
      log.push(`${r.name} putIntoFrame ${members} -> ${frame}`);
      putIntoFrame(doc, members, frame);
    } else {
      const title = `Board ${word()}`;
      log.push(`${r.name} rename ${JSON.stringify(title)}`);
      renameBoard(doc, title);
    }
  };

  for (let i = 0; i < OPS_PER_RUN; i++) {
    const r = rng() < 0.5 ? a : b;
    try {
      step(r);
    } catch (error) {
      // An op may be refused (e.g. a frame cycle guard); anything else is a real failure.
      if (!(error instanceof OpError)) throw new Error(`seed ${seed}, op ${i}: ${String(error)}\n${log.slice(-10).join('\n')}`, { cause: error });
      refused++;
    }
    const network = rng();
    if (network < 0.1) deliver(a, b, false);
    else if (network < 0.2) deliver(b, a, false);
    else if (network < 0.25) {
      deliver(a, b, true);
      deliver(b, a, true);
    }
  }
  const diverged = JSON.stringify(snapshot(a.doc)) !== JSON.stringify(snapshot(b.doc));
  deliver(a, b, true);
  deliver(b, a, true);
  return { a, b, log, refused, diverged };
}

describe('seeded random edits on two replicas', () => {
  it.each(SEEDS)('seed %i: the replicas converge and every element stays valid', (seed) => {
    const { a, b, log } = runFuzz(seed);
    const replay = `seed ${seed} (replay: WARSZTAT_FUZZ_SEED=${seed}); last ops:\n${log.slice(-15).join('\n')}`;
    expect(snapshot(a.doc), replay).toEqual(snapshot(b.doc));
    expect(readElements(a.doc).invalid, replay).toEqual([]);
    expect(elementsOf(a.doc).size, replay).toBeGreaterThan(0);
    // Nothing was left undelivered: a full state exchange changes nothing.
    const before = snapshot(a.doc);
    sync(a.doc, b.doc);
    expect(snapshot(a.doc), replay).toEqual(before);
  });

  it('is repeatable: the same seed gives the same board', () => {
    const first = runFuzz(DEFAULT_SEEDS[0]!);
    const second = runFuzz(DEFAULT_SEEDS[0]!);
    expect(second.log).toEqual(first.log);
    expect(snapshot(second.a.doc)).toEqual(snapshot(first.a.doc));
  });

  it('exercises every kind of operation, on replicas that really diverge, across the seeds', () => {
    const kinds = new Set<string>();
    let diverged = 0;
    for (const seed of DEFAULT_SEEDS.slice(0, 5)) {
      const run = runFuzz(seed);
      for (const line of run.log) kinds.add(line.split(' ')[1]!);
      if (run.diverged) diverged++;
    }
    expect([...kinds].sort()).toEqual(['create', 'delete', 'erase', 'move', 'putIntoFrame', 'rename', 'reorder', 'type', 'update']);
    expect(diverged).toBeGreaterThan(0);
  });
});
