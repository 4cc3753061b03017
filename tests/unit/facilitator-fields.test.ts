import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { FacilitatorFieldGuard } from '../../server/sync/facilitator-fields';
import { buildElement, createElements, initBoard, toElementMap } from '../../shared/ops';
import { elementsOf } from '../../shared/schema';

const PARTICIPANT = { participant: true };
const FACILITATOR = { facilitator: true };

/** A server document with one idea and one stakeholder, a guard, and a participant's copy. */
function setup() {
  const server = new Y.Doc();
  initBoard(server, 't', 'pl', 0);
  const guard = new FacilitatorFieldGuard(server, (origin) => origin === PARTICIPANT);
  const [idea, stakeholder] = createElements(server, [
    { type: 'idea', title: 'Ławki' },
    { type: 'stakeholder', name: 'Rada osiedla', influence: 6, engagement: 4 },
  ]) as [string, string];
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  /** Applies what `edit` did on a copy to the server as `origin`, then lets the guard correct it. */
  const send = (doc: Y.Doc, edit: () => void, origin: object) => {
    const before = Y.encodeStateVector(doc);
    edit();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(doc, before), origin);
    const corrected = guard.restore('guard');
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    return corrected;
  };
  const onServer = (id: string) => elementsOf(server).get(id)!;
  const onClient = (id: string) => elementsOf(client).get(id)!;
  return { server, client, guard, idea, stakeholder, send, onServer, onClient };
}

describe('FacilitatorFieldGuard', () => {
  it('puts back a participant’s change to a decision, keeping the rest of the edit', () => {
    const s = setup();
    const corrected = s.send(s.client, () => s.client.transact(() => {
      s.onClient(s.idea).set('status', 'accepted');
      s.onClient(s.idea).set('x', 500);
    }), PARTICIPANT);
    expect(corrected).toBe(true);
    expect(s.onServer(s.idea).get('status')).toBe('new');
    expect(s.onServer(s.idea).get('x')).toBe(500);
  });

  it('lets participants edit content and facilitators decide', () => {
    const s = setup();
    expect(s.send(s.client, () => s.onClient(s.stakeholder).set('group', 'mieszkańcy'), PARTICIPANT)).toBe(false);
    const facilitator = new Y.Doc();
    Y.applyUpdate(facilitator, Y.encodeStateAsUpdate(s.server));
    s.send(facilitator, () => elementsOf(facilitator).get(s.stakeholder)!.set('influence', 9), FACILITATOR);
    expect(s.onServer(s.stakeholder).get('influence')).toBe(9);
    // The trusted value moved with the facilitator: a participant's later try returns to 9, not 6.
    s.send(s.client, () => s.onClient(s.stakeholder).set('influence', 1), PARTICIPANT);
    expect(s.onServer(s.stakeholder).get('influence')).toBe(9);
  });

  it('keeps the decisions when a participant replaces an element under the same id', () => {
    const s = setup();
    s.send(s.client, () => elementsOf(s.client).set(s.stakeholder, toElementMap(buildElement({ type: 'stakeholder', id: s.stakeholder, name: 'X', influence: 10, engagement: 10 }, 'a0'))), PARTICIPANT);
    expect(s.onServer(s.stakeholder).get('name')?.toString()).toBe('X');
    expect([s.onServer(s.stakeholder).get('influence'), s.onServer(s.stakeholder).get('engagement')]).toEqual([6, 4]);
  });

  it('gives a participant’s new element the type’s defaults for decisions', () => {
    const s = setup();
    let id = '';
    s.send(s.client, () => ([id] = createElements(s.client, [{ type: 'idea', title: 'Mój', status: 'accepted' }]) as [string]), PARTICIPANT);
    expect(s.onServer(id).get('status')).toBe('new');
    expect(s.onServer(id).get('title')?.toString()).toBe('Mój');
  });

  it('does not let a type flip carry a decision through', () => {
    const s = setup();
    s.send(s.client, () => s.client.transact(() => {
      s.onClient(s.idea).set('type', 'note');
      s.onClient(s.idea).set('status', 'accepted');
    }), PARTICIPANT);
    expect(s.onServer(s.idea).get('type')).toBe('idea');
    s.send(s.client, () => s.onClient(s.idea).set('type', 'idea'), PARTICIPANT);
    expect(s.onServer(s.idea).get('status')).toBe('new');
  });

  it('undoes changes nested inside a decision field and never leaves a Y type there', () => {
    const s = setup();
    let id = '';
    s.send(s.client, () => {
      [id] = createElements(s.client, [{ type: 'stakeholder', name: 'Y' }]) as [string];
      elementsOf(s.client).get(id)!.set('ratings', Y.Array.from([{ by: 'x', influence: 10, engagement: 10 }]));
    }, PARTICIPANT);
    expect(s.onServer(id).get('ratings')).toEqual([]);
    // Should a Y type ever sit in a decision field (an outside client, an old build), a
    // participant's push into it is undone too.
    s.server.transact(() => s.onServer(s.stakeholder).set('ratings', Y.Array.from([{ by: 'Ewa', influence: 6, engagement: 4 }])), FACILITATOR);
    Y.applyUpdate(s.client, Y.encodeStateAsUpdate(s.server));
    const ratings = s.onClient(s.stakeholder).get('ratings');
    expect(ratings).toBeInstanceOf(Y.Array);
    expect(s.send(s.client, () => (ratings as Y.Array<unknown>).push([{ by: 'x', influence: 10, engagement: 10 }]), PARTICIPANT)).toBe(true);
    expect(s.onServer(s.stakeholder).get('ratings')).toEqual([{ by: 'Ewa', influence: 6, engagement: 4 }]);
    expect(s.onServer(id).get('ratings')).toEqual([]);
  });

  it('a stakeholder card’s place is its score: a participant places a new card, but cannot move one', () => {
    const s = setup();
    let id = '';
    s.send(s.client, () => ([id] = createElements(s.client, [{ type: 'stakeholder', name: 'Nowy', x: 300, y: 400 }]) as [string]), PARTICIPANT);
    expect([s.onServer(id).get('x'), s.onServer(id).get('y')]).toEqual([300, 400]);
    s.send(s.client, () => s.onClient(id).set('x', 10), PARTICIPANT);
    expect(s.onServer(id).get('x')).toBe(300);
    // Neither through a type flip nor by re-creating it under the same id.
    s.send(s.client, () => s.client.transact(() => {
      s.onClient(s.stakeholder).set('type', 'note');
      s.onClient(s.stakeholder).set('x', 999);
    }), PARTICIPANT);
    expect([s.onServer(s.stakeholder).get('type'), s.onServer(s.stakeholder).get('x')]).toEqual(['stakeholder', 0]);
    s.send(s.client, () => elementsOf(s.client).set(s.stakeholder, toElementMap(buildElement({ type: 'stakeholder', id: s.stakeholder, name: 'X', x: 5555, w: 10 }, 'a0'))), PARTICIPANT);
    expect([s.onServer(s.stakeholder).get('x'), s.onServer(s.stakeholder).get('w')]).toEqual([0, 220]);
  });
});

