import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { elementsOf } from '../../shared/schema/doc';
import { closeOf, rawSocket, stockClient, synced, waitFor } from '../helpers/clients';
import { startServer } from '../helpers/server';

describe('updates that depend on content the server never had', () => {
  it('are refused and dropped, so they cannot slip in later under a facilitator’s edit', async () => {
    const server = await startServer();
    const board = await server.createBoard('B', { template: 'workshop' });
    const facilitator = stockClient(server.wsUrl, board.id, board.tokens.facilitator);
    await synced(facilitator);
    let ideaId = '';
    await server.warsztat.rooms.withRoom(board.id, async (room) => {
      const { createElements } = await import('../../shared/ops/elements');
      [ideaId] = createElements(room.doc, [{ type: 'idea', title: 'Ławki' }], '', 'server') as [string];
      await room.whenDurable();
    });
    await waitFor(() => elementsOf(facilitator.doc).has(ideaId), 5000, 'idea reaches the facilitator');

    // A participant's status change crafted to hang on the facilitator's next, unsent edit.
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(facilitator.doc));
    const before = Y.encodeStateVector(forged);
    const idea = elementsOf(forged).get(ideaId)!;
    idea.set('status', 'accepted');
    const item = (idea as unknown as { _map: Map<string, { rightOrigin: Y.ID | null }> })._map.get('status')!;
    item.rightOrigin = Y.createID(facilitator.doc.clientID, Y.getState(facilitator.doc.store, facilitator.doc.clientID));
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, 0);
    syncProtocol.writeUpdate(message, Y.encodeStateAsUpdate(forged, before));

    const { ws } = await rawSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.participant}`);
    const closed = closeOf(ws);
    ws.send(encoding.toUint8Array(message));
    expect(await closed).toMatchObject({ code: 4400 });

    elementsOf(facilitator.doc).get(ideaId)!.set('x', 321);
    await server.warsztat.rooms.withRoom(board.id, async (room) => {
      await waitFor(() => elementsOf(room.doc).get(ideaId)!.get('x') === 321, 5000, 'facilitator edit applied');
      expect(elementsOf(room.doc).get(ideaId)!.get('status')).toBe('new');
      expect(room.doc.store.pendingStructs).toBeNull();
    });
  });
});
