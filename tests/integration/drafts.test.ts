import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Ack } from '../../shared/protocol/commands';
import type { DraftDelta } from '../../shared/facilitation/drafts';
import type { Draft } from '../../shared/protocol/state';
import { LIMITS } from '../../shared/schema/limits';
import { SqliteStore } from '../../server/storage/sqlite';
import type { DraftWrite } from '../../server/storage/types';
import { waitFor } from '../helpers/clients';
import { controlClient, type ControlClient } from '../helpers/control';
import { startServer, startServerProcess, tempDir, type CreatedBoard } from '../helpers/server';

const FRAME = 'ramka-prywatna';
const note = (id: string, text = `pomysł ${id}`, frameId = FRAME) => ({ type: 'draft.put', id, frameId, text, x: 10, y: 10, color: '#fde68a' });

/** A real SQLite store whose hidden-note writes wait until the test lets them through. */
class HeldSqliteStore extends SqliteStore {
  readonly writes: DraftWrite[][] = [];
  private gate: Promise<void> = Promise.resolve();
  private open: () => void = () => {};

  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open();
  }

  override async saveDrafts(boardId: string, writes: readonly DraftWrite[]): Promise<void> {
    this.writes.push([...writes]);
    await this.gate;
    return super.saveDrafts(boardId, writes);
  }
}

async function privateBoard(url: string, board: CreatedBoard, frames = [FRAME]): Promise<void> {
  const facilitator = await controlClient(url, { boardId: board.id, token: board.tokens.facilitator, sessionId: 'prowadzaca' });
  for (const frameId of frames) expect(await facilitator.send({ type: 'private.set', frameId, on: true })).toEqual({ ok: true });
  facilitator.socket.disconnect();
}

/** Every payload of an event, in order. */
function collect<T>(client: ControlClient, event: string): T[] {
  const seen: T[] = [];
  client.socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

describe('hidden notes', () => {
  it('refuses a note past the limit of one author in one frame, with a code; changes and other frames still go', { timeout: 30_000 }, async () => {
    const server = await startServer({ COMMANDS_PER_SECOND: 1000 });
    const board = await server.createBoard();
    await privateBoard(server.url, board, [FRAME, 'druga']);
    const author = await controlClient(server.url, { boardId: board.id, token: board.tokens.participant, sessionId: 'autorka' });
    const acks = await Promise.all(Array.from({ length: LIMITS.maxDraftsPerFrame }, (_, i) => author.send(note(`n${i}`))));
    expect(acks.every((ack) => ack.ok)).toBe(true);

    expect(await author.send(note('jeden-za-duzo'))).toEqual({ ok: false, error: `at most ${LIMITS.maxDraftsPerFrame} hidden notes per person in one frame`, code: 'drafts.frameFull' });
    expect(await author.send(note('n7', 'poprawiony'))).toEqual({ ok: true });
    expect(await author.send(note('gdzie-indziej', 'w drugiej ramce', 'druga'))).toEqual({ ok: true });
    // Another author has a limit of their own.
    const other = await controlClient(server.url, { boardId: board.id, token: board.tokens.participant, sessionId: 'inny' });
    expect(await other.send(note('x'))).toEqual({ ok: true });
    // Text longer than any element's is refused as invalid.
    const tooLong = await author.send(note('dlugi', 'a'.repeat(LIMITS.maxTextLength + 1)));
    expect(tooLong.ok).toBe(false);
    expect((tooLong as { error: string }).error).toMatch(/^invalid command: text/);
  });

  it('sends the author the whole list once on joining, then only what changed', async () => {
    const server = await startServer();
    const board = await server.createBoard();
    await privateBoard(server.url, board);
    const author = await controlClient(server.url, { boardId: board.id, token: board.tokens.participant, sessionId: 'autorka' });
    await waitFor(() => author.last('my-drafts') !== undefined, 5000, 'the list of hidden notes');
    expect(author.last<{ drafts: Draft[] }>('my-drafts')).toEqual({ drafts: [] });
    const fulls = collect<{ drafts: Draft[] }>(author, 'my-drafts');
    const deltas = collect<DraftDelta>(author, 'my-drafts.changed');
    const bystander = await controlClient(server.url, { boardId: board.id, token: board.tokens.participant, sessionId: 'obok' });
    const bystanderDeltas = collect<DraftDelta>(bystander, 'my-drafts.changed');

    expect(await author.send(note('a'))).toEqual({ ok: true });
    expect(await author.send(note('b'))).toEqual({ ok: true });
    expect(await author.send(note('a', 'zmieniony'))).toEqual({ ok: true });
    expect(await author.send({ type: 'draft.delete', id: 'b' })).toEqual({ ok: true });
    // The acknowledgement follows the delta on the same socket.
    const { type: _t, ...a } = note('a');
    const { type: _u, ...b } = note('b');
    expect(deltas).toEqual([
      { put: [a], removed: [] },
      { put: [b], removed: [] },
      { put: [{ ...a, text: 'zmieniony' }], removed: [] },
      { put: [], removed: ['b'] },
    ]);
    expect(fulls).toEqual([]);
    expect(bystanderDeltas).toEqual([]);

    const again = await controlClient(server.url, { boardId: board.id, token: board.tokens.participant, sessionId: 'autorka' });
    await waitFor(() => again.last('my-drafts') !== undefined, 5000, 'the list of hidden notes');
    expect(again.last('my-drafts')).toEqual({ drafts: [{ ...a, text: 'zmieniony' }] });

    const facilitator = await controlClient(server.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: 'prowadzaca2' });
    const revealed = again.next<DraftDelta>('my-drafts.changed');
    expect(await facilitator.send({ type: 'private.reveal', frameId: FRAME })).toEqual({ ok: true });
    expect(await revealed).toEqual({ put: [], removed: ['a'] });
  });

  it('acknowledges a note only once it is stored, and writes the notes that came meanwhile together', async () => {
    const dataDir = tempDir();
    const store = new HeldSqliteStore(path.join(dataDir, 'warsztat.sqlite'));
    const server = await startServer({}, dataDir, { store });
    const board = await server.createBoard();
    await privateBoard(server.url, board);
    const author = await controlClient(server.url, { boardId: board.id, token: board.tokens.participant, sessionId: 'autorka' });
    const deltas = collect<DraftDelta>(author, 'my-drafts.changed');

    store.hold();
    let firstAck: Ack | undefined;
    const first = author.send(note('pierwsza')).then((ack) => (firstAck = ack));
    await waitFor(() => store.writes.length === 1, 5000, 'the first write to start');
    const meanwhile = [author.send(note('druga')), author.send(note('trzecia')), author.send(note('pierwsza', 'poprawiona'))];
    // A command that needs no write is answered at once, after the ones sent before it were handled.
    expect(await author.send({ type: 'hand.raise', up: true })).toEqual({ ok: true });
    expect(firstAck).toBeUndefined();
    expect(deltas).toEqual([]);
    expect(await store.loadDrafts(board.id)).toEqual([]);

    store.release();
    expect(await first).toEqual({ ok: true });
    expect(await Promise.all(meanwhile)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    // One write for the first note, one for the three that waited behind it.
    expect(store.writes.map((batch) => batch.map((w) => w.id))).toEqual([['pierwsza'], ['druga', 'trzecia', 'pierwsza']]);
    const stored = await store.loadDrafts(board.id);
    expect(stored.map((row) => (JSON.parse(row.json) as Draft).text)).toEqual(['poprawiona', 'pomysł druga', 'pomysł trzecia']);
    expect(deltas).toHaveLength(4);
  });

  it('after SIGKILL, every acknowledged note is still there', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    const env = { COMMANDS_PER_SECOND: '1000' };
    const first = await startServerProcess(dataDir, env);
    const board = await first.createBoard('Zabity serwer');
    await privateBoard(first.url, board);
    const author = await controlClient(first.url, { boardId: board.id, token: board.tokens.participant, sessionId: 'autorka' });

    // Notes are sent without pause, several in flight; the server is killed meanwhile.
    const acked = new Map<string, number>();
    let sent = 0;
    let stop = false;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        const seq = sent++;
        const id = `n${w}-${i % 40}`;
        const ack = await author.send(note(id, `${seq} ${'x'.repeat(2000)}`)).catch(() => undefined);
        if (ack?.ok) acked.set(id, Math.max(acked.get(id) ?? -1, seq));
      }
    });
    await waitFor(() => acked.size >= 100 && sent > 400, 60_000, '400 notes sent, 100 acknowledged');
    await first.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    author.socket.disconnect();

    const second = await startServerProcess(dataDir, env);
    const again = await controlClient(second.url, { boardId: board.id, token: board.tokens.participant, sessionId: 'autorka' });
    await waitFor(() => again.last('my-drafts') !== undefined, 5000, 'the list of hidden notes');
    const stored = new Map(again.last<{ drafts: Draft[] }>('my-drafts')!.drafts.map((d) => [d.id, Number(d.text.split(' ')[0])]));
    const lost = [...acked].filter(([id, seq]) => (stored.get(id) ?? -1) < seq);
    expect(lost).toEqual([]);
    expect(stored.size).toBeGreaterThanOrEqual(100);
  });
});
