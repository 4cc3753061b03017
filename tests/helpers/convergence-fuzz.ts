import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { OpError, createElements, deleteElements, moveElements, putIntoFrame, renameBoard, reorderElements, updateElement, type NewElement, type ReorderDirection } from '../../shared/ops';
import { addTreeNode, createTreeCore, deleteTreeNodes, reparentTreeNode, setTreeCollapsed, type NewNodePlace } from '../../shared/methods/tree-ops';
import { ELEMENT_DEFINITIONS, ELEMENT_TYPES, NOTE_COLOURS, elementsOf, metaOf, type ElementType } from '../../shared/schema';
import { EVERY_ELEMENT } from '../fixtures/every-element';
import { mulberry32 } from '../unit/support';

/**
 * Server-level convergence fuzz (#14): stock y-websocket clients (the first a facilitator, the
 * rest participants) make seeded random edits of every element type through the project's own
 * ops, and drop and regain their connections at random, through a real server. At the end every
 * client must hold the same document as the server. No vitest here: `npm run bench` runs it too.
 * Socket timing is not seeded, so a seed replays the same choices of operation, not the same
 * interleaving; the op log says what happened.
 */

export interface FuzzBoard {
  id: string;
  tokens: Record<'facilitator' | 'participant' | 'observer', string>;
}

export interface ConvergenceOptions {
  wsUrl: string;
  board: FuzzBoard;
  seed: number;
  ops: number;
  clients?: number;
  /** The server's live document of the board, to compare with (in-process servers). */
  serverDoc?: () => Y.Doc | undefined;
  /** How long the clients get to agree once every edit is made. */
  settleMs?: number;
}

export interface ConvergenceResult {
  seed: number;
  converged: boolean;
  /** What went wrong, with the seed and the last ops, when not converged. */
  problem?: string;
  /** The agreed document, as canonical JSON. */
  json: string;
  refused: number;
  reconnects: number;
  elements: number;
  log: string[];
}

/** JSON with every object's keys sorted: Y.Map iterates in each replica's own insertion order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
  return value;
}

/** A board as the clients see it: metadata and every element's fields. */
export function boardJson(doc: Y.Doc): string {
  return JSON.stringify(canonical({ meta: metaOf(doc).toJSON(), elements: elementsOf(doc).toJSON() }));
}

/** The board rebuilt from stored updates alone, as a restarted server would load it. */
export function storedJson(updates: readonly { data: Uint8Array }[]): string {
  const doc = new Y.Doc();
  for (const { data } of updates) Y.applyUpdate(doc, data);
  const json = boardJson(doc);
  doc.destroy();
  return json;
}

const DIRECTIONS: ReorderDirection[] = ['front', 'back', 'forward', 'backward'];
const PLACES: NewNodePlace[] = ['child', 'sibling', 'effect'];

interface Client {
  index: number;
  doc: Y.Doc;
  provider: WebsocketProvider;
  created: number;
}

function connectClient(options: ConvergenceOptions, index: number): Client {
  const doc = new Y.Doc();
  // Fixed client ids make conflict resolution, and so the outcome, follow from the seed.
  doc.clientID = ((options.seed * 16 + index) % 0x3fffffff) + 1;
  const token = index === 0 ? options.board.tokens.facilitator : options.board.tokens.participant;
  const provider = new WebsocketProvider(options.wsUrl, options.board.id, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  return { index, doc, provider, created: 0 };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

export async function runConvergenceFuzz(options: ConvergenceOptions): Promise<ConvergenceResult> {
  const rng = mulberry32(options.seed);
  const int = (n: number) => Math.floor(rng() * n);
  const pick = <T>(items: readonly T[]): T | undefined => (items.length ? items[int(items.length)] : undefined);
  const some = <T>(items: readonly T[]): T[] => items.filter(() => rng() < 0.2);
  const word = () => Array.from({ length: 1 + int(6) }, () => 'abcdefghij ąęł'[int(14)]).join('');
  const log: string[] = [];
  let refused = 0;
  let reconnects = 0;

  const clients = Array.from({ length: options.clients ?? 8 }, (_, i) => connectClient(options, i));
  const offline = new Set<Client>();
  const result = (converged: boolean, json: string, problem?: string): ConvergenceResult => ({
    seed: options.seed,
    converged,
    problem: problem && `${problem}\nseed ${options.seed} (replay: WARSZTAT_FUZZ_SEED=${options.seed}); last ops:\n${log.slice(-40).join('\n')}`,
    json,
    refused,
    reconnects,
    elements: elementsOf(clients[0]!.doc).size,
    log,
  });

  try {
    if (!(await until(() => clients.every((c) => c.provider.synced), 20_000))) return result(false, '', 'not every client synced at the start');

    const ofType = (doc: Y.Doc, type: ElementType) => [...elementsOf(doc).entries()].filter(([, e]) => e.get('type') === type).map(([id]) => id);

    const newElement = (c: Client): NewElement => {
      const doc = c.doc;
      const type = pick(ELEMENT_TYPES)!;
      const ids = [...elementsOf(doc).keys()];
      const input: NewElement = { ...structuredClone(EVERY_ELEMENT[type]), id: `c${c.index}-${c.created++}`, x: int(2000) - 1000, y: int(2000) - 1000 };
      input.parentId = rng() < 0.4 ? (pick(ofType(doc, 'frame')) ?? null) : null;
      if (type === 'connector') Object.assign(input, { from: pick(ids) ?? null, to: pick(ids) ?? null });
      if (type === 'strategy') input.sources = some(ids).slice(0, 5);
      if (type === 'treeNode') Object.assign(input, { parentNode: null, role: 'core', tree: rng() < 0.5 ? 'problem' : 'objective' });
      if (type === 'idea') input.mergedInto = null;
      return input;
    };

    const patchFor = (type: ElementType): Record<string, unknown> => {
      const options: Record<string, unknown>[] = [{ x: int(2000) - 1000 }, { y: int(2000) - 1000 }, { rotation: int(720) - 360 }];
      if ('w' in ELEMENT_DEFINITIONS[type].defaults) options.push({ w: 40 + int(400) });
      for (const field of ELEMENT_DEFINITIONS[type].textFields) options.push({ [field]: word() });
      for (const field of ['color', 'fill', 'stroke']) if (field in ELEMENT_DEFINITIONS[type].defaults) options.push({ [field]: pick(NOTE_COLOURS)! });
      // Facilitator-only fields: the server puts back a participant's change.
      if (type === 'stakeholder') options.push({ influence: int(11) }, { engagement: int(11) });
      if (type === 'factor') options.push({ importance: 1 + int(5) });
      if (type === 'idea') options.push({ status: pick(['new', 'accepted', 'rejected'] as const)! });
      return pick(options)!;
    };

    const step = (c: Client, i: number) => {
      const doc = c.doc;
      const ids = [...elementsOf(doc).keys()];
      const trees = ofType(doc, 'treeNode');
      const say = (line: string) => log.push(`#${i} c${c.index}${offline.has(c) ? ' (offline)' : ''} ${line}`);
      const roll = int(100);
      if (roll < 18 || ids.length < 4) {
        const inputs = Array.from({ length: 1 + int(2) }, () => newElement(c));
        say(`create ${inputs.map((e) => `${e.type}:${e.id}`).join(',')}`);
        createElements(doc, inputs, `c${c.index}`);
        return;
      }
      if (roll < 30) {
        // Tree links: new trees, nodes hung under others, branches moved, folded, deleted.
        const anchor = pick(trees);
        const what = int(5);
        if (!anchor || what === 0) {
          say('tree core');
          createTreeCore(doc, rng() < 0.5 ? (pick(ofType(doc, 'frame')) ?? null) : null, rng() < 0.5 ? 'problem' : 'objective', word(), { x: int(1000), y: int(1000) });
        } else if (what === 1) {
          const place = pick(PLACES)!;
          say(`tree add ${place} of ${anchor}`);
          addTreeNode(doc, anchor, place, { createdBy: `c${c.index}` }, word());
        } else if (what === 2) {
          const parent = pick(trees)!;
          say(`tree reparent ${anchor} under ${parent}`);
          reparentTreeNode(doc, anchor, parent);
        } else if (what === 3) {
          say(`tree fold ${anchor}`);
          setTreeCollapsed(doc, anchor, rng() < 0.5);
        } else {
          say(`tree delete ${anchor}`);
          deleteTreeNodes(doc, [anchor]);
        }
        return;
      }
      const target = pick(ids)!;
      const element = elementsOf(doc).get(target)!;
      const type = element.get('type') as ElementType;
      if (roll < 48) {
        const patch = patchFor(type);
        say(`update ${target} ${JSON.stringify(patch)}`);
        updateElement(doc, target, patch);
      } else if (roll < 62) {
        const field = ELEMENT_DEFINITIONS[type].textFields[0];
        const text = field ? element.get(field) : undefined;
        if (!(text instanceof Y.Text)) return say(`no text on ${target}`);
        if (rng() < 0.7 || text.length === 0) {
          const at = int(text.length + 1);
          const inserted = word();
          say(`type ${target}.${field} @${at} ${JSON.stringify(inserted)}`);
          text.insert(at, inserted);
        } else {
          const at = int(text.length);
          const length = 1 + int(text.length - at);
          say(`erase ${target}.${field} @${at}+${length}`);
          text.delete(at, length);
        }
      } else if (roll < 72) {
        const moving = [target, ...some(ids)];
        const [dx, dy] = [int(100) - 50, int(100) - 50];
        say(`move ${moving} by ${dx},${dy}`);
        moveElements(doc, moving, dx, dy);
      } else if (roll < 79) {
        const doomed = [target, ...(rng() < 0.2 ? some(ids) : [])];
        say(`delete ${doomed}`);
        deleteElements(doc, doomed);
      } else if (roll < 86) {
        const direction = pick(DIRECTIONS)!;
        say(`reorder ${target} ${direction}`);
        reorderElements(doc, [target], direction);
      } else if (roll < 97) {
        const frame = rng() < 0.2 ? null : (pick(ofType(doc, 'frame')) ?? null);
        const members = [target, ...some(ids)].filter((id) => id !== frame);
        say(`putIntoFrame ${members} -> ${frame}`);
        putIntoFrame(doc, members, frame);
      } else {
        const title = `Tablica ${word()}`;
        say(`rename ${JSON.stringify(title)}`);
        renameBoard(doc, title);
      }
    };

    for (let i = 0; i < options.ops; i++) {
      const c = clients[int(clients.length)]!;
      try {
        step(c, i);
      } catch (error) {
        // An op may be refused on a stale or concurrent state (OpError); anything else is a bug.
        if (!(error instanceof OpError)) return result(false, '', `op ${i} threw ${(error as Error).stack ?? String(error)}`);
        refused++;
      }
      const network = rng();
      if (network < 0.03) {
        const who = clients[int(clients.length)]!;
        if (offline.has(who)) {
          log.push(`#${i} c${who.index} reconnects`);
          offline.delete(who);
          who.provider.connect();
          reconnects++;
        } else if (offline.size < 3) {
          log.push(`#${i} c${who.index} disconnects`);
          offline.add(who);
          who.provider.disconnect();
        }
      }
      if (rng() < 0.5) await tick();
    }

    for (const c of offline) c.provider.connect();
    offline.clear();
    const reference = () => options.serverDoc?.() ?? clients[0]!.doc;
    const agreed = () => {
      const target = Y.encodeStateVector(reference()).toString();
      return clients.every((c) => c.provider.synced && Y.encodeStateVector(c.doc).toString() === target);
    };
    const settled = await until(agreed, options.settleMs ?? 20_000);
    const json = boardJson(reference());
    const differing = clients.filter((c) => boardJson(c.doc) !== json).map((c) => `c${c.index}`);
    if (!settled || differing.length > 0) {
      const detail = settled ? `same state vectors but different JSON on ${differing.join(', ')}` : 'the clients did not reach the server\'s state vector';
      return result(false, json, `not converged: ${detail}`);
    }
    return result(true, json);
  } finally {
    for (const c of clients) {
      c.provider.destroy();
      c.doc.destroy();
    }
  }
}
