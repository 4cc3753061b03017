import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { createElement } from '../../shared/ops/elements';
import { elementsOf, metaOf, readMeta } from '../../shared/schema/doc';
import { SCHEMA_VERSION } from '../../shared/schema/migrate';
import { controlClient } from '../helpers/control';
import { closeOf, rawSocket, stockClient, synced, waitFor, type StockClient } from '../helpers/clients';
import { bystanders } from '../helpers/bystanders';
import { startServer, type TestServer } from '../helpers/server';
import { REDIS_URL, servicesUnavailable } from '../helpers/services';
import { createClient } from 'redis';
import { channelOf } from '../../server/scale/redis-relay';

const servicesSkip = await servicesUnavailable();

const auth = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

function frame(...parts: (number | Uint8Array)[]): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const part of parts) {
    if (typeof part === 'number') encoding.writeVarUint(encoder, part);
    else encoding.writeVarUint8Array(encoder, part);
  }
  return encoding.toUint8Array(encoder);
}

/** Unloads the board (every client gone, ROOM_UNLOAD_DELAY_MS 0) and waits until it is. */
async function unload(server: TestServer, boardId: string, ...clients: StockClient[]) {
  for (const client of clients) client.destroy();
  await waitFor(() => server.warsztat.rooms.peek(boardId) === undefined, 5000, 'board to unload');
}

describe('a hostile client cannot stop the server', () => {
  it.each(['observer', 'participant', 'facilitator'] as const)('sync step 1 with a state vector that ends early, from the %s, closes only that socket', async (role) => {
    const server = await startServer();
    const stillSyncing = await bystanders(server);
    const board = await server.createBoard();
    const { ws, opened } = await rawSocket(`${server.wsUrl}/${board.id}?token=${board.tokens[role]}`);
    expect(opened).toBe(true);
    const closing = closeOf(ws);
    ws.send(new Uint8Array([0, 0, 1, 0xff]));
    expect(await closing).toEqual({ code: 4400, reason: 'malformed message' });
    await stillSyncing();
  });

  it('a state vector claiming more entries than it holds, or with trailing bytes, is refused', async () => {
    const server = await startServer();
    const stillSyncing = await bystanders(server);
    const board = await server.createBoard();
    for (const vector of [new Uint8Array([0xff, 0xff, 0x03, 1, 1]), new Uint8Array([1, 5, 5, 9, 9])]) {
      const { ws } = await rawSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.observer}`);
      const closing = closeOf(ws);
      ws.send(frame(0, 0, vector));
      expect((await closing).code).toBe(4400);
    }
    await stillSyncing();
  });
});

describe('the board metadata is the server’s', () => {
  it('a participant writing schemaVersion, locale, createdAt or a title is put back, and the board opens after unload', async () => {
    const server = await startServer();
    const board = await server.createBoard('Strategia Miasta');
    const participant = stockClient(server.wsUrl, board.id, board.tokens.participant);
    const observer = stockClient(server.wsUrl, board.id, board.tokens.observer);
    await Promise.all([synced(participant), synced(observer)]);
    const before = readMeta(observer.doc);
    const meta = metaOf(participant.doc);
    participant.doc.transact(() => {
      meta.set('schemaVersion', 999);
      meta.set('title', 'x'.repeat(200_000));
      meta.set('locale', 'en');
      meta.set('createdAt', 1);
      meta.set('injected', 'yes');
    });
    // The correction travels back to the writer too.
    await waitFor(() => meta.get('schemaVersion') === SCHEMA_VERSION && meta.get('title') === 'Strategia Miasta' && !meta.has('injected'), 5000, 'metadata put back');
    expect(readMeta(participant.doc)).toEqual(before);
    expect(readMeta(observer.doc)).toEqual(before);

    await unload(server, board.id, participant, observer);
    const again = stockClient(server.wsUrl, board.id, board.tokens.participant);
    await synced(again);
    expect(readMeta(again.doc)).toEqual(before);
    const backup = await fetch(`${server.url}/api/boards/${board.id}/backup`, { headers: auth(board.tokens.facilitator) });
    expect(backup.status).toBe(200);
    const listed = await server.warsztat.store.getBoard(board.id);
    expect(listed?.title).toBe('Strategia Miasta');
  });

  it('a participant cannot rename the board, even on a locked board; a facilitator renames within the limits', async () => {
    const server = await startServer();
    const board = await server.createBoard('Plan');
    const participant = stockClient(server.wsUrl, board.id, board.tokens.participant);
    const facilitator = stockClient(server.wsUrl, board.id, board.tokens.facilitator);
    await Promise.all([synced(participant), synced(facilitator)]);
    const control = await controlClient(server.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: 'prowadzacy' });
    expect(await control.send({ type: 'lock.board', locked: true })).toEqual({ ok: true });
    metaOf(participant.doc).set('title', 'Przejęta');
    await waitFor(() => metaOf(participant.doc).get('title') === 'Plan', 5000, 'participant title put back');

    metaOf(facilitator.doc).set('title', 'y'.repeat(201));
    await waitFor(() => metaOf(facilitator.doc).get('title') === 'Plan', 5000, 'over-long title put back');
    metaOf(facilitator.doc).set('title', 'Plan Rozwoju Lokalnego');
    await waitFor(() => metaOf(participant.doc).get('title') === 'Plan Rozwoju Lokalnego', 5000, 'facilitator title to reach others');
    const stored = async () => (await server.warsztat.store.getBoard(board.id))?.title;
    for (let i = 0; i < 200 && (await stored()) !== 'Plan Rozwoju Lokalnego'; i++) await new Promise((r) => setImmediate(r));
    expect(await stored()).toBe('Plan Rozwoju Lokalnego');
  });

  it('an update that makes a new top-level type closes the socket and is not kept', async () => {
    const server = await startServer();
    const board = await server.createBoard();
    const observer = stockClient(server.wsUrl, board.id, board.tokens.observer);
    await synced(observer);
    const { ws } = await rawSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.participant}`);
    const scratch = new Y.Doc();
    scratch.getMap('inne').set('śmieci', 'x'.repeat(1000));
    const closing = closeOf(ws);
    ws.send(frame(0, 2, Y.encodeStateAsUpdate(scratch)));
    expect(await closing).toEqual({ code: 4400, reason: 'update writes outside the board layout' });
    const room = server.warsztat.rooms.peek(board.id)!;
    expect([...room.doc.share.keys()].sort()).toEqual(['elements', 'meta']);
  });
});

describe('a board whose stored document cannot be migrated', () => {
  it('opens read-only, exports, and becomes editable when a version is restored', async () => {
    const server = await startServer();
    const board = await server.createBoard('Stara tablica');
    const fac = auth(board.tokens.facilitator);
    const saved = await fetch(`${server.url}/api/boards/${board.id}/versions`, { method: 'POST', headers: fac, body: JSON.stringify({ name: 'przed' }) });
    expect(saved.status).toBe(201);
    const { version } = (await saved.json()) as { version: { id: string } };
    // As a newer Warsztat (or an attack before the metadata guard) would have left it on disk.
    const newer = new Y.Doc();
    Y.applyUpdate(newer, Y.mergeUpdates((await server.warsztat.store.loadUpdates(board.id)).map((u) => u.data)));
    const before = Y.encodeStateVector(newer);
    metaOf(newer).set('schemaVersion', 999);
    await server.warsztat.store.append([{ boardId: board.id, updates: [Y.encodeStateAsUpdate(newer, before)] }]);

    const info = await (await fetch(`${server.url}/api/boards/${board.id}`, { headers: fac })).json();
    expect(info.readOnly).toEqual({ reason: 'newer-schema', schemaVersion: 999 });
    const client = stockClient(server.wsUrl, board.id, board.tokens.facilitator);
    await synced(client);
    createElement(client.doc, { type: 'note', text: 'nie zostanie' });
    for (const format of ['json', 'md']) {
      const res = await fetch(`${server.url}/api/boards/${board.id}/export?format=${format}`, { headers: fac });
      expect(res.status, format).toBe(200);
    }
    expect((await fetch(`${server.url}/api/boards/${board.id}/backup`, { headers: fac })).status).toBe(200);
    expect(elementsOf(server.warsztat.rooms.peek(board.id)!.doc).size).toBe(0);

    const closed = new Promise<number>((resolve) => client.provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? 0)));
    const restored = await fetch(`${server.url}/api/boards/${board.id}/versions/${version.id}/restore`, { method: 'POST', headers: fac, body: '{}' });
    expect(restored.status).toBe(200);
    expect(await closed).toBe(1012);
    const after = await (await fetch(`${server.url}/api/boards/${board.id}`, { headers: fac })).json();
    expect(after.readOnly).toBeUndefined();
    await synced(client);
    const id = createElement(client.doc, { type: 'note', text: 'teraz tak' });
    await waitFor(() => elementsOf(server.warsztat.rooms.peek(board.id)!.doc).has(id), 5000, 'edit accepted after restore');
  });

  it('a load that fails leaves nothing half-made, and the next load succeeds', async () => {
    const server = await startServer();
    const board = await server.createBoard();
    const store = server.warsztat.store;
    const loadControl = store.loadControl.bind(store);
    let failures = 1;
    store.loadControl = (id) => (failures-- > 0 ? Promise.reject(new Error('disk hiccup')) : loadControl(id));
    await expect(server.warsztat.rooms.acquire(board.id)).rejects.toThrow('disk hiccup');
    expect(server.warsztat.rooms.size).toBe(0);
    const client = stockClient(server.wsUrl, board.id, board.tokens.participant);
    await synced(client);
    expect(server.warsztat.rooms.size).toBe(1);
  });

  it.skipIf(servicesSkip !== null)('a failed load with Redis leaves no subscription behind', async () => {
    const server = await startServer({ REDIS_URL });
    const board = await server.createBoard();
    const store = server.warsztat.store;
    const loadControl = store.loadControl.bind(store);
    store.loadControl = () => Promise.reject(new Error('disk hiccup'));
    await expect(server.warsztat.rooms.acquire(board.id)).rejects.toThrow('disk hiccup');
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    try {
      const subscribers = await redis.pubSubNumSub(channelOf(board.id));
      expect(subscribers[channelOf(board.id)]).toBe(0);
    } finally {
      await redis.quit();
    }
    store.loadControl = loadControl;
    const client = stockClient(server.wsUrl, board.id, board.tokens.participant);
    await synced(client);
  });
});

/** A raw y-websocket socket that sends presence entries by hand. */
async function presenceSocket(server: TestServer, boardId: string, token: string) {
  const { ws, opened } = await rawSocket(`${server.wsUrl}/${boardId}?token=${token}`);
  expect(opened).toBe(true);
  return {
    ws,
    send(clientId: number, clock: number, state: unknown) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint(encoder, clientId);
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarString(encoder, JSON.stringify(state));
      ws.send(frame(1, encoding.toUint8Array(encoder)));
    },
  };
}

type Presence = { user?: { name: string } } | undefined;

describe('presence cannot be forged', () => {
  it('a connection may set and remove only the awareness ids it introduced', async () => {
    const server = await startServer();
    const board = await server.createBoard();
    const watcher = stockClient(server.wsUrl, board.id, board.tokens.observer);
    await synced(watcher);
    const states = () => watcher.provider.awareness.getStates();
    const nameOf = (id: number) => (states().get(id) as Presence)?.user?.name;
    const basia = await presenceSocket(server, board.id, board.tokens.participant);
    const forger = await presenceSocket(server, board.id, board.tokens.participant);
    const [basiaId, forgerId] = [1001, 2002];
    basia.send(basiaId, 1, { user: { name: 'Basia' } });
    await waitFor(() => nameOf(basiaId) === 'Basia', 5000, 'Basia visible');

    forger.send(basiaId, 2, { user: { name: 'Prowadzący' } });
    // Its own id goes through: a marker that the forged frame before it was handled.
    forger.send(forgerId, 1, { user: { name: 'Uczciwy 1' } });
    await waitFor(() => nameOf(forgerId) === 'Uczciwy 1', 5000, 'forger’s own presence');
    expect(nameOf(basiaId)).toBe('Basia');
    forger.send(basiaId, 3, null);
    forger.send(forgerId, 2, { user: { name: 'Uczciwy 2' } });
    await waitFor(() => nameOf(forgerId) === 'Uczciwy 2', 5000, 'forger’s second marker');
    expect(nameOf(basiaId)).toBe('Basia');
    // Basia still speaks for herself, and when she leaves her id is free and her state gone.
    basia.send(basiaId, 4, { user: { name: 'Barbara' } });
    await waitFor(() => nameOf(basiaId) === 'Barbara', 5000, 'Basia renamed herself');
    basia.ws.terminate();
    await waitFor(() => !states().has(basiaId), 5000, 'Basia gone with her socket');
    forger.ws.terminate();
    await waitFor(() => !states().has(forgerId), 5000, 'forger gone with its socket');
  });

  it('a connection introduces at most a few presence ids', async () => {
    const server = await startServer();
    const board = await server.createBoard();
    const watcher = stockClient(server.wsUrl, board.id, board.tokens.observer);
    await synced(watcher);
    const flooder = await presenceSocket(server, board.id, board.tokens.participant);
    for (let id = 1; id <= 50; id++) flooder.send(id, 1, { user: { name: `bot ${id}` } });
    // Asking for everyone's presence after the flood: the answer is the server's state once
    // every flood frame before it was handled.
    const answer = new Promise<Uint8Array>((resolve) => {
      flooder.ws.on('message', (data: Buffer) => {
        if (data[0] === 1) resolve(new Uint8Array(data));
      });
    });
    flooder.ws.send(new Uint8Array([3]));
    const seen = new awarenessProtocol.Awareness(new Y.Doc());
    const decoder = decoding.createDecoder(await answer);
    decoding.readVarUint(decoder);
    awarenessProtocol.applyAwarenessUpdate(seen, decoding.readVarUint8Array(decoder), 'server');
    const bots = [...seen.getStates().keys()].filter((id) => id <= 50).sort((a, b) => a - b);
    expect(bots).toEqual([1, 2, 3, 4]);
  });
});
