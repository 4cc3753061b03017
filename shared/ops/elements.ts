import * as Y from 'yjs';
import { elementsOf, type ElementMap } from '../schema/doc';
import { LIMITS } from '../schema/limits';
import { baseDefaults } from '../schema/element-base';
import { ELEMENT_DEFINITIONS, elementSchema, isElementType, type ElementType } from '../schema/elements';
import { toPlain } from '../schema/plain';
import { OpError } from './errors';
import { keysOnTop, reorderKeys, type ReorderDirection } from './zorder';

/** A new element's type and any fields that differ from its type's defaults. */
export interface NewElement {
  type: ElementType;
  id?: string;
  [field: string]: unknown;
}

export function newId(): string {
  return globalThis.crypto.randomUUID();
}

function describe(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.map(String).join('.') || 'element'}: ${issue.message}` : 'invalid element';
}

/** Builds the plain form of a new element and validates it; throws OpError when invalid. */
export function buildElement(input: NewElement, z: string, createdBy = ''): Record<string, unknown> {
  if (!isElementType(input.type)) throw new OpError(`unknown element type: ${String(input.type)}`);
  const definition = ELEMENT_DEFINITIONS[input.type];
  const plain = { ...baseDefaults, ...definition.defaults, createdBy, ...input, z: input.z ?? z, id: input.id ?? newId(), v: definition.version };
  const parsed = elementSchema.safeParse(plain);
  if (!parsed.success) throw new OpError(describe(parsed.error));
  return parsed.data;
}

/** Turns a validated plain element into its Y.Map, text fields as Y.Text. */
export function toElementMap(plain: Record<string, unknown>): ElementMap {
  const definition = ELEMENT_DEFINITIONS[plain.type as ElementType];
  const textFields: readonly string[] = definition.textFields;
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(plain)) {
    map.set(key, textFields.includes(key) ? new Y.Text(String(value ?? '')) : value);
  }
  return map;
}

/** Adds elements on top of the board in one transaction; returns their ids. */
export function createElements(doc: Y.Doc, inputs: readonly NewElement[], createdBy = '', origin?: unknown): string[] {
  const keys = keysOnTop(doc, inputs.length);
  const plains = inputs.map((input, i) => buildElement(input, keys[i]!, createdBy));
  const elements = elementsOf(doc);
  const seen = new Set<string>();
  for (const plain of plains) {
    const id = plain.id as string;
    if (elements.has(id) || seen.has(id)) throw new OpError(`element ${id} already exists`);
    seen.add(id);
  }
  doc.transact(() => {
    for (const plain of plains) elements.set(plain.id as string, toElementMap(plain));
  }, origin);
  return plains.map((p) => p.id as string);
}

export function createElement(doc: Y.Doc, input: NewElement, createdBy = '', origin?: unknown): string {
  return createElements(doc, [input], createdBy, origin)[0]!;
}

function requireElement(doc: Y.Doc, id: string): ElementMap {
  const element = elementsOf(doc).get(id);
  if (!(element instanceof Y.Map)) throw new OpError(`no element ${id}`);
  return element;
}

const IMMUTABLE_FIELDS = new Set(['id', 'type', 'v']);

/**
 * Changes some fields of one element. Only the given fields are written, so people
 * editing other fields of the same element at once do not overwrite each other.
 * Text fields are replaced as a whole here; typing goes through Y.Text directly.
 */
export function updateElement(doc: Y.Doc, id: string, patch: Record<string, unknown>, origin?: unknown): void {
  const element = requireElement(doc, id);
  for (const key of Object.keys(patch)) {
    if (IMMUTABLE_FIELDS.has(key)) throw new OpError(`field ${key} cannot change`);
  }
  const candidate = { ...toPlain(element), ...patch };
  const parsed = elementSchema.safeParse(candidate);
  if (!parsed.success) throw new OpError(describe(parsed.error));
  const type = element.get('type') as ElementType;
  const textFields: readonly string[] = ELEMENT_DEFINITIONS[type].textFields;
  doc.transact(() => {
    for (const [key, value] of Object.entries(patch)) {
      const current = element.get(key);
      if (textFields.includes(key)) {
        replaceText(element, key, String(value));
      } else if (current !== value) {
        element.set(key, value);
      }
    }
  }, origin);
}

function replaceText(element: ElementMap, key: string, value: string): void {
  const text = element.get(key);
  if (text instanceof Y.Text) {
    if (text.toString() === value) return;
    text.delete(0, text.length);
    text.insert(0, value);
  } else {
    element.set(key, new Y.Text(value));
  }
}

/** Moves elements by an offset; a frame carries the elements inside it. */
export function moveElements(doc: Y.Doc, ids: readonly string[], dx: number, dy: number, origin?: unknown): void {
  if (!Number.isFinite(dx) || !Number.isFinite(dy)) throw new OpError('offset must be finite');
  const elements = elementsOf(doc);
  const moving = new Set(ids);
  for (const id of ids) requireElement(doc, id);
  // Children of moved frames move with them, and so do frames nested in them (repeat until
  // nothing is added, so the result does not depend on the map's iteration order).
  // Only frames carry others: moving notes alone needs no scan of the whole board.
  const movesFrame = ids.some((id) => elements.get(id)?.get('type') === 'frame');
  for (let grew = movesFrame; grew; ) {
    grew = false;
    elements.forEach((element, id) => {
      if (moving.has(id)) return;
      const parent = element instanceof Y.Map ? element.get('parentId') : null;
      if (typeof parent === 'string' && moving.has(parent)) {
        moving.add(id);
        grew = true;
      }
    });
  }
  // Refuse (rather than clamp) a move that would carry any element past the coordinate
  // limits: validation would drop it afterwards, and clamping would change the layout.
  for (const id of moving) {
    const element = elements.get(id)!;
    for (const [key, d] of [['x', dx], ['y', dy]] as const) {
      const value = element.get(key);
      if (typeof value === 'number' && Math.abs(value + d) > LIMITS.maxCoordinate) throw new OpError(`moving ${id} would leave the board`);
    }
  }
  doc.transact(() => {
    for (const id of moving) {
      const element = elements.get(id)!;
      element.set('x', (element.get('x') as number) + dx);
      element.set('y', (element.get('y') as number) + dy);
    }
  }, origin);
}

/**
 * Deletes elements and the connectors attached to them. Elements inside a deleted
 * frame are kept and taken out of it: deleting a container never silently deletes
 * other people's notes.
 */
export function deleteElements(doc: Y.Doc, ids: readonly string[], origin?: unknown): string[] {
  const elements = elementsOf(doc);
  const doomed = new Set(ids.filter((id) => elements.has(id)));
  const orphans: string[] = [];
  elements.forEach((element, id) => {
    if (!(element instanceof Y.Map) || doomed.has(id)) return;
    if (element.get('type') === 'connector') {
      const from = element.get('from');
      const to = element.get('to');
      if ((typeof from === 'string' && doomed.has(from)) || (typeof to === 'string' && doomed.has(to))) doomed.add(id);
    }
    const parent = element.get('parentId');
    if (typeof parent === 'string' && doomed.has(parent)) orphans.push(id);
  });
  doc.transact(() => {
    for (const id of orphans) if (!doomed.has(id)) elements.get(id)!.set('parentId', null);
    for (const id of doomed) elements.delete(id);
  }, origin);
  return [...doomed];
}

/** Changes drawing order: to the front or back, or one step forward or backward. */
export function reorderElements(doc: Y.Doc, ids: readonly string[], direction: ReorderDirection, origin?: unknown): void {
  for (const id of ids) requireElement(doc, id);
  const keys = reorderKeys(doc, ids, direction);
  const elements = elementsOf(doc);
  doc.transact(() => {
    for (const [id, z] of keys) elements.get(id)!.set('z', z);
  }, origin);
}

/** Puts elements into a frame, or takes them out of any frame when frameId is null. */
export function putIntoFrame(doc: Y.Doc, ids: readonly string[], frameId: string | null, origin?: unknown): void {
  if (frameId !== null) {
    const frame = requireElement(doc, frameId);
    if (frame.get('type') !== 'frame') throw new OpError(`${frameId} is not a frame`);
    if (ids.includes(frameId)) throw new OpError('a frame cannot contain itself');
    // Nor a frame that (indirectly) holds it: two frames must never contain each other.
    const seen = new Set<string>();
    for (let parent = frame.get('parentId'); typeof parent === 'string' && !seen.has(parent); ) {
      if (ids.includes(parent)) throw new OpError('a frame cannot contain a frame that holds it');
      seen.add(parent);
      const next = elementsOf(doc).get(parent);
      parent = next instanceof Y.Map ? next.get('parentId') : null;
    }
  }
  for (const id of ids) requireElement(doc, id);
  const elements = elementsOf(doc);
  doc.transact(() => {
    for (const id of ids) {
      const element = elements.get(id)!;
      if (element.get('parentId') !== frameId) element.set('parentId', frameId);
    }
  }, origin);
}
