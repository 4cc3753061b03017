import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { createElement } from '../../shared/ops/elements';
import { elementsOf, metaOf } from '../../shared/schema/doc';

/**
 * Frames a hostile y-websocket client could send, for tests/integration/protocol-fuzz.test.ts.
 * Every kind is named, so a failing run's log says what was sent. Kinds are either survivable
 * (the server answers, ignores or undoes them) or closing (the server may close the socket);
 * a closing frame goes last in its batch, so the frames before it are really processed.
 */

export interface FuzzFrame {
  kind: string;
  data: Uint8Array | string;
  /** Of a closing kind: sent last in its batch. */
  fatal: boolean;
  /** A well-formed sync step 1: the server answers it with a step 2 (an ordered marker). */
  answered?: boolean;
}

/** What a lane knows when it builds a frame: its copy of the board and the presence it saw. */
export interface FrameContext {
  rng: () => number;
  /** The board as this socket has received it from the server. */
  replica: Y.Doc;
  /** Presence as this socket has received it: other connections' client ids and clocks. */
  seen: awarenessProtocol.Awareness;
  /** Awareness client ids this socket introduced itself. */
  own: Map<number, number>;
  /** Kinds of frame to leave out (matched before anything is built). */
  skip?: RegExp;
}

const MSG_SYNC = 0;
const MSG_AWARENESS = 1;
const MSG_AUTH = 2;
const MSG_QUERY_AWARENESS = 3;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;

function bytes(...parts: (number | Uint8Array)[]): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const part of parts) {
    if (typeof part === 'number') encoding.writeVarUint(encoder, part);
    else encoding.writeVarUint8Array(encoder, part);
  }
  return encoding.toUint8Array(encoder);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/** A varint that goes on for `length` continuation bytes (lib0 refuses past 53 bits). */
function overlongVarint(length: number): Uint8Array {
  const out = new Uint8Array(length + 1).fill(0xff);
  out[length] = 0x7f;
  return out;
}

function randomBytes(rng: () => number, length: number): Uint8Array {
  return new Uint8Array(length).map(() => Math.floor(rng() * 256));
}

/** An awareness update for arbitrary (client id, clock, JSON) entries. */
function awarenessEntries(entries: [clientId: number, clock: number, json: string][]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const [clientId, clock, json] of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return bytes(MSG_AWARENESS, encoding.toUint8Array(encoder));
}

/** A Yjs v1 update with no structs and a delete set naming the given ranges. */
function deleteOnlyUpdate(ranges: [client: number, clock: number, length: number][]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, ranges.length);
  for (const [client, clock, length] of ranges) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarUint(encoder, length);
  }
  return encoding.toUint8Array(encoder);
}

/**
 * An update made by `change` on the replica itself, as a client that knows the board sends its
 * own edits. With `skipFirst`, the replica first makes a change it never sends, so the update's
 * dependencies are missing (the server refuses it, and the socket's replica is dropped with it).
 */
function craftedUpdate(ctx: FrameContext, change: (doc: Y.Doc) => void, skipFirst = false): Uint8Array {
  if (skipFirst) metaOf(ctx.replica).set('fuzzUnsent', ctx.rng());
  const updates: Uint8Array[] = [];
  const collect = (update: Uint8Array) => updates.push(update);
  ctx.replica.on('update', collect);
  try {
    ctx.replica.transact(() => change(ctx.replica), 'fuzz');
  } finally {
    ctx.replica.off('update', collect);
  }
  // A change that changed nothing still goes out, as an empty update.
  return updates.length === 1 ? updates[0]! : updates.length === 0 ? new Uint8Array([0, 0]) : Y.mergeUpdates(updates);
}

/** Bad content in well-formed updates: what a modified client could write. */
const BAD_CONTENT: [string, (doc: Y.Doc, rng: () => number) => void][] = [
  ['meta.schemaVersion=999', (doc) => metaOf(doc).set('schemaVersion', 999)],
  ['meta.schemaVersion=string', (doc) => metaOf(doc).set('schemaVersion', 'nine')],
  ['meta.title=200000 chars', (doc) => metaOf(doc).set('title', 'T'.repeat(200_000))],
  ['meta.title=empty', (doc) => metaOf(doc).set('title', '')],
  ['meta.title=number', (doc) => metaOf(doc).set('title', 12345)],
  ['meta.title=valid', (doc, rng) => metaOf(doc).set('title', `Tytuł ${Math.floor(rng() * 1000)}`)],
  ['meta.locale=xx', (doc) => metaOf(doc).set('locale', 'xx')],
  ['meta.createdAt=-1', (doc) => metaOf(doc).set('createdAt', -1)],
  ['meta.delete schemaVersion', (doc) => metaOf(doc).delete('schemaVersion')],
  ['meta.new key', (doc) => metaOf(doc).set('evil', { nested: [1, 2, 3] })],
  ['top-level map', (doc, rng) => doc.getMap(`evil${Math.floor(rng() * 5)}`).set('a', 1)],
  ['top-level array', (doc) => doc.getArray('evilArray').push([1, 'two', { three: 3 }])],
  ['top-level text', (doc) => doc.getText('evilText').insert(0, 'tekst')],
  ['element not a map', (doc, rng) => elementsOf(doc).set(`bad${Math.floor(rng() * 1e6)}`, 'string' as never)],
  [
    'element with wrong field types',
    (doc, rng) => {
      const map = new Y.Map<unknown>();
      for (const [key, value] of Object.entries({ type: 42, id: null, x: 'abc', y: {}, z: [], text: 7, parentId: 12 })) map.set(key, value);
      elementsOf(doc).set(`wrong${Math.floor(rng() * 1e6)}`, map);
    },
  ],
  [
    'existing element gets wrong types',
    (doc) => {
      const element = [...elementsOf(doc).values()].find((value) => value instanceof Y.Map);
      if (!element) return void metaOf(doc).set('noop', 1);
      element.set('x', 'far away');
      element.set('type', 'nonsense');
      element.delete('z');
    },
  ],
  ['valid note', (doc, rng) => void createElement(doc, { type: 'note', text: `fuzz ${Math.floor(rng() * 1e6)}` })],
  [
    'delete an element',
    (doc) => {
      const id = [...elementsOf(doc).keys()][0];
      if (id) elementsOf(doc).delete(id);
      else metaOf(doc).set('noop', 2);
    },
  ],
];

type Maker = (ctx: FrameContext) => Omit<FuzzFrame, 'fatal'>;

/** A valid-looking awareness state for a client id. */
function presence(name: string): string {
  return JSON.stringify({ user: { name, color: '#ff0000', role: 'facilitator' }, cursor: { x: 1, y: 2 } });
}

/** Someone else's awareness client id this socket saw, if any. */
function foreignId(ctx: FrameContext): number | undefined {
  const ids = [...ctx.seen.getStates().keys()].filter((id) => !ctx.own.has(id));
  return ids.length > 0 ? ids[Math.floor(ctx.rng() * ids.length)] : undefined;
}

const MAKERS: [weight: number, closing: boolean, make: Maker][] = [
  // Sync step 1: well-formed (answered), truncated state vectors, lying lengths.
  [6, false, (ctx) => ({ kind: 'step1 valid', data: bytes(MSG_SYNC, STEP1, Y.encodeStateVector(ctx.replica)), answered: true })],
  [3, true, () => ({ kind: 'step1 truncated state vector [0,0,1,0xff]', data: new Uint8Array([0, 0, 1, 0xff]) })],
  [3, true, (ctx) => ({ kind: 'step1 garbage state vector', data: bytes(MSG_SYNC, STEP1, randomBytes(ctx.rng, 1 + Math.floor(ctx.rng() * 12))) })],
  [2, true, (ctx) => ({ kind: 'step1 state vector, entry count lies', data: bytes(MSG_SYNC, STEP1, bytes(50, 1 + Math.floor(ctx.rng() * 1e6), 3)) })],
  [2, true, () => ({ kind: 'step1 over-long varint in state vector', data: bytes(MSG_SYNC, STEP1, concat(new Uint8Array([1]), overlongVarint(12), new Uint8Array([1]))) })],
  [2, true, (ctx) => ({ kind: 'step1 length runs past the end', data: concat(new Uint8Array([0, 0]), bytes(1000 + Math.floor(ctx.rng() * 1e6)), new Uint8Array([0, 1])) })],
  // Sync step 2 and update: garbage structs, lying lengths, over-long varints.
  [3, true, (ctx) => ({ kind: 'update garbage struct', data: bytes(MSG_SYNC, ctx.rng() < 0.5 ? STEP2 : UPDATE, randomBytes(ctx.rng, 2 + Math.floor(ctx.rng() * 40))) })],
  [2, true, (ctx) => ({ kind: 'update lying length', data: concat(new Uint8Array([0, ctx.rng() < 0.5 ? STEP2 : UPDATE]), bytes(5000), randomBytes(ctx.rng, 8)) })],
  [2, true, () => ({ kind: 'update over-long varint struct count', data: bytes(MSG_SYNC, UPDATE, concat(overlongVarint(10), new Uint8Array([0]))) })],
  [2, true, () => ({ kind: 'update claiming 2^31 structs', data: bytes(MSG_SYNC, UPDATE, bytes(2 ** 31, 1, 5, 0)) })],
  [2, true, (ctx) => ({ kind: 'update deletes unknown ids', data: bytes(MSG_SYNC, UPDATE, deleteOnlyUpdate([[1 + Math.floor(ctx.rng() * 1e9), Math.floor(ctx.rng() * 1e6), 1 + Math.floor(ctx.rng() * 1e6)]])) })],
  [1, true, () => ({ kind: 'update deletes a huge range', data: bytes(MSG_SYNC, UPDATE, deleteOnlyUpdate([[7, 0, 2 ** 50]])) })],
  [
    2,
    true,
    (ctx) =>
      ctx.skip?.test('update with missing dependencies')
        ? { kind: 'empty frame', data: new Uint8Array(0) }
        : { kind: 'update with missing dependencies', data: bytes(MSG_SYNC, UPDATE, craftedUpdate(ctx, (doc) => metaOf(doc).set('dependent', 1), true)) },
  ],
  [2, false, (ctx) => ({ kind: 'step2 whole replica again', data: bytes(MSG_SYNC, STEP2, Y.encodeStateAsUpdate(ctx.replica)) })],
  [
    14, false,
    (ctx) => {
      const contents = BAD_CONTENT.filter(([name]) => !ctx.skip?.test(`update: ${name}`));
      if (contents.length === 0) return { kind: 'auth', data: new Uint8Array([MSG_AUTH]) };
      const [name, change] = contents[Math.floor(ctx.rng() * contents.length)]!;
      return { kind: `update: ${name}`, data: bytes(MSG_SYNC, ctx.rng() < 0.8 ? UPDATE : STEP2, craftedUpdate(ctx, (doc) => change(doc, ctx.rng))) };
    },
  ],
  [2, true, (ctx) => ({ kind: 'sync unknown subtype', data: bytes(MSG_SYNC, 3 + Math.floor(ctx.rng() * 1000), randomBytes(ctx.rng, 4)) })],
  [1, true, () => ({ kind: 'sync subtype missing', data: new Uint8Array([0]) })],
  // Awareness: own ids (allowed), someone else's ids, removals of others, broken encodings.
  [
    5, false,
    (ctx) => {
      const id = ctx.own.size > 0 && ctx.rng() < 0.6 ? [...ctx.own.keys()][0]! : 1 + Math.floor(ctx.rng() * 0x3fffffff);
      const clock = (ctx.own.get(id) ?? 0) + 1;
      ctx.own.set(id, clock);
      return { kind: 'awareness own id', data: awarenessEntries([[id, clock, presence('fuzz')]]) };
    },
  ],
  [
    6, false,
    (ctx) => {
      const id = foreignId(ctx);
      if (id === undefined) return { kind: 'query-awareness', data: bytes(MSG_QUERY_AWARENESS) };
      const clock = (ctx.seen.meta.get(id)?.clock ?? 0) + 1 + Math.floor(ctx.rng() * 3);
      return { kind: `awareness forged for foreign id ${id}`, data: awarenessEntries([[id, clock, presence('FORGED')]]) };
    },
  ],
  [
    5, false,
    (ctx) => {
      const id = foreignId(ctx);
      if (id === undefined) return { kind: 'query-awareness', data: bytes(MSG_QUERY_AWARENESS) };
      const clock = (ctx.seen.meta.get(id)?.clock ?? 0) + 1;
      return { kind: `awareness removal of foreign id ${id}`, data: awarenessEntries([[id, clock, 'null']]) };
    },
  ],
  [2, true, () => ({ kind: 'awareness state not JSON', data: awarenessEntries([[4242, 1, '{not json']]) })],
  [1, false, () => ({ kind: 'awareness huge clock', data: awarenessEntries([[4243, 2 ** 53 - 1, presence('clock')]]) })],
  [2, true, () => ({ kind: 'awareness count lies', data: bytes(MSG_AWARENESS, bytes(1000, 1, 1)) })],
  [2, true, (ctx) => ({ kind: 'awareness garbage', data: bytes(MSG_AWARENESS, randomBytes(ctx.rng, 1 + Math.floor(ctx.rng() * 30))) })],
  [1, true, () => ({ kind: 'awareness payload missing', data: new Uint8Array([1]) })],
  // Auth and query-awareness, with and without trailing garbage.
  [2, false, (ctx) => ({ kind: 'auth', data: concat(new Uint8Array([MSG_AUTH]), randomBytes(ctx.rng, Math.floor(ctx.rng() * 10))) })],
  [2, false, (ctx) => ({ kind: 'query-awareness', data: concat(new Uint8Array([MSG_QUERY_AWARENESS]), randomBytes(ctx.rng, Math.floor(ctx.rng() * 3))) })],
  // Unknown types, over-long type varints, empty frames, random bytes, text frames.
  [2, true, (ctx) => ({ kind: 'unknown message type', data: concat(bytes(4 + Math.floor(ctx.rng() * 100_000)), randomBytes(ctx.rng, 3)) })],
  [2, true, () => ({ kind: 'over-long varint type', data: overlongVarint(11) })],
  [2, true, () => ({ kind: 'truncated varint type', data: new Uint8Array([0x80]) })],
  [1, true, () => ({ kind: 'empty frame', data: new Uint8Array(0) })],
  [2, true, (ctx) => ({ kind: 'random bytes', data: randomBytes(ctx.rng, 1 + Math.floor(ctx.rng() * 64)) })],
  [3, true, () => ({ kind: 'text frame', data: 'hello' })],
];

/**
 * One random frame of the kinds a server answers without closing the socket, or (`closing`)
 * of those it may close on; half of those are some well-formed frame cut short at a random byte.
 */
export function fuzzFrame(ctx: FrameContext, closing: boolean): FuzzFrame {
  for (;;) {
    const frame = anyFrame(ctx, closing);
    if (!ctx.skip?.test(frame.kind)) return frame;
  }
}

function anyFrame(ctx: FrameContext, closing: boolean): FuzzFrame {
  if (closing && ctx.rng() < 0.5) {
    const frame = anyFrame(ctx, false);
    if (typeof frame.data !== 'string' && frame.data.byteLength > 1) {
      const cut = Math.floor(ctx.rng() * frame.data.byteLength);
      return { kind: `truncated at ${cut}: ${frame.kind}`, data: frame.data.slice(0, cut), fatal: true };
    }
  }
  const makers = MAKERS.filter(([, fatal]) => fatal === closing);
  let roll = ctx.rng() * makers.reduce((sum, [weight]) => sum + weight, 0);
  for (const [weight, , make] of makers) {
    roll -= weight;
    if (roll < 0) return { ...make(ctx), fatal: closing };
  }
  return { ...makers[0]![2](ctx), fatal: closing };
}

/** The marker closing a batch: a well-formed step 1, answered once everything before it was handled. */
export function markerFrame(replica: Y.Doc): Uint8Array {
  return bytes(MSG_SYNC, STEP1, Y.encodeStateVector(replica));
}

/** A frame for the failure log: its kind and first bytes. */
export function describeFrame(frame: FuzzFrame): string {
  if (typeof frame.data === 'string') return `${frame.kind} (text ${JSON.stringify(frame.data.slice(0, 20))})`;
  const hex = Buffer.from(frame.data.slice(0, 24)).toString('hex');
  return `${frame.kind} [${frame.data.byteLength} B] ${hex}${frame.data.byteLength > 24 ? '…' : ''}`;
}
