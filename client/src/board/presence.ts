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

function samePeople(a: readonly Peer[], b: readonly Peer[], live: boolean): boolean {
  if (a.length !== b.length) return false;
  return a.every((p, i) => {
    const q = b[i]!;
    if (p.clientId !== q.clientId || p.name !== q.name || p.colour !== q.colour || p.role !== q.role) return false;
    if (!live) return true;
    if ((p.cursor?.x ?? null) !== (q.cursor?.x ?? null) || (p.cursor?.y ?? null) !== (q.cursor?.y ?? null)) return false;
    return p.selection.length === q.selection.length && p.selection.every((id, k) => id === q.selection[k]);
  });
}

/** Whether an awareness change concerns only this tab (our own cursor and selection). */
export function onlyLocal(awareness: Awareness, change: { added: number[]; updated: number[]; removed: number[] }): boolean {
  const me = awareness.clientID;
  return [change.added, change.updated, change.removed].every((ids) => ids.every((id) => id === me));
}

/**
 * Everyone else on the board (not this tab). With `live` false (lists of people) only
 * arrivals, departures and changes of name, colour or role re-render, and cursor and
 * selection are left out (null and empty), so a moving cursor re-renders no page; the
 * canvas asks for `live` peers. Changes of this tab's own presence never re-render.
 */
export function usePeers(awareness: Awareness | null, live = false): Peer[] {
  const [peers, setPeers] = useState<Peer[]>([]);
  useEffect(() => {
    if (!awareness) return;
    const update = (change?: { added: number[]; updated: number[]; removed: number[] }) => {
      if (change && onlyLocal(awareness, change)) return;
      const next: Peer[] = [];
      awareness.getStates().forEach((state, clientId) => {
        if (clientId === awareness.clientID) return;
        const peer = readPeer(clientId, state);
        if (peer) next.push(live ? peer : { ...peer, cursor: null, selection: [] });
      });
      next.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId);
      setPeers((current) => (samePeople(current, next, live) ? current : next));
    };
    update();
    awareness.on('change', update);
    return () => awareness.off('change', update);
  }, [awareness, live]);
  return peers;
}
