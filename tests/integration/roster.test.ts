import { describe, expect, it } from 'vitest';
import { publicSessionId } from '../../server/facilitation/state';
import { controlClient } from '../helpers/control';
import { startServer } from '../helpers/server';

describe('roster of a session', () => {
  it('keeps everyone who joined, with their latest name and role, across leaving and a restart', async () => {
    const server = await startServer();
    const board = await server.createBoard('Warsztat');
    const ewa = await controlClient(server.url, { boardId: board.id, token: board.tokens.facilitator, sessionId: 's-ewa', name: 'Ewa Nowak' });
    const jan = await controlClient(server.url, { boardId: board.id, token: board.tokens.participant, sessionId: 's-jan', name: 'Jan' });
    const radny = await controlClient(server.url, { boardId: board.id, token: board.tokens.observer, sessionId: 's-radny', name: 'Radny Kowalski' });
    expect(await ewa.send({ type: 'role.set', sessionId: publicSessionId('s-jan'), role: 'facilitator' })).toEqual({ ok: true });
    jan.socket.disconnect();
    radny.socket.disconnect();

    await server.warsztat.rooms.withRoom(board.id, async (room) => {
      const roster = room.facilitation.roster;
      expect(Object.keys(roster).sort()).toEqual(['s-ewa', 's-jan', 's-radny']);
      expect(roster['s-jan']).toMatchObject({ name: 'Jan', role: 'facilitator' });
      expect(roster['s-radny']).toMatchObject({ name: 'Radny Kowalski', role: 'observer' });
      // Reports list who is here first, then those who left, in the order they came.
      expect(room.facilitation.participants()).toEqual([
        { name: 'Ewa Nowak', role: 'facilitator' },
        { name: 'Jan', role: 'facilitator' },
        { name: 'Radny Kowalski', role: 'observer' },
      ]);
      await room.facilitation.flush();
    });
    ewa.socket.disconnect();
    await server.stop();
    const again = await startServer({}, server.dataDir);
    await again.warsztat.rooms.withRoom(board.id, (room) => {
      expect(room.facilitation.roster['s-ewa']).toMatchObject({ name: 'Ewa Nowak', role: 'facilitator' });
      expect(Object.keys(room.facilitation.roster)).toHaveLength(3);
    });
  });
});
