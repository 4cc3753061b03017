import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { Point } from '../../../shared/geometry/rect';
import { colourFor } from './palette';

/** Another person on the board, as their awareness state describes them. */
export interface Peer {
  clientId: number;
  name: string;
  colour: string;
  role: string;
  cursor: Point | null;
  selection: string[];
}

function readPeer(clientId: number, state: Record<string, unknown>): Peer | null {
  const user = state.user as { name?: unknown; colour?: unknown; role?: unknown } | undefined;
  if (!user) return null;
  const cursor = state.cursor as { x?: unknown; y?: unknown } | null | undefined;
  const selection = Array.isArray(state.selection) ? (state.selection as unknown[]).filter((s): s is string => typeof s === 'string').slice(0, 500) : [];
  return {
    clientId,
    name: typeof user.name === 'string' && user.name.trim() ? user.name.slice(0, 40) : '?',
    colour: typeof user.colour === 'string' && /^#[0-9a-f]{6}$/i.test(user.colour) ? user.colour : colourFor(clientId),
    role: typeof user.role === 'string' ? user.role : 'participant',
    cursor: cursor && typeof cursor.x === 'number' && typeof cursor.y === 'number' && Number.isFinite(cursor.x) && Number.isFinite(cursor.y) ? { x: cursor.x, y: cursor.y } : null,
    selection,
  };
}

/** Everyone else on the board (not this tab), updated live. */
export function usePeers(awareness: Awareness | null): Peer[] {
  const [peers, setPeers] = useState<Peer[]>([]);
  useEffect(() => {
    if (!awareness) return;
    const update = () => {
      const next: Peer[] = [];
      awareness.getStates().forEach((state, clientId) => {
        if (clientId === awareness.clientID) return;
        const peer = readPeer(clientId, state);
        if (peer) next.push(peer);
      });
      setPeers(next.sort((a, b) => a.name.localeCompare(b.name)));
    };
    update();
    awareness.on('change', update);
    return () => awareness.off('change', update);
  }, [awareness]);
  return peers;
}
