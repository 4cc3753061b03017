import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { elementsOf, metaOf, readMeta } from '../../../shared/schema/doc';
import { adoptEarly, connectBoard, type BoardConnection, type BoardError, type ConnectionStatus } from './connection';
import { asRole, type Role } from '../../../shared/protocol/state';

export { syncServerUrl, type BoardError, type ConnectionStatus } from './connection';

export interface BoardState {
  doc: Y.Doc | null;
  awareness: Awareness | null;
  status: ConnectionStatus;
  synced: boolean;
  title: string;
  elementCount: number;
  presentCount: number;
  role: Role | null;
  /** Set when the server opens the board for reading only (its saved layout is newer than the server's). */
  readOnly: 'newer-schema' | 'migration-failed' | null;
  /** The holder's name when the link is a personal one (offered as the display name). */
  personName: string | null;
  error: BoardError | null;
}

/** Joins a board: checks the link, then keeps a live Y.Doc in step with the server. */
export function useBoard(boardId: string, token: string | null): BoardState {
  const [state, setState] = useState<BoardState>({
    doc: null,
    awareness: null,
    status: 'connecting',
    synced: false,
    title: '',
    elementCount: 0,
    presentCount: 0,
    role: null,
    readOnly: null,
    personName: null,
    error: token ? null : 'noToken',
  });

  useEffect(() => {
    if (!token) return;
    let disposed = false;
    // Usually started by main.tsx while the interface loaded; otherwise opened here.
    const connection: BoardConnection = adoptEarly(boardId, token) ?? connectBoard(boardId, token);
    const { doc, provider } = connection;
    const update = (patch: Partial<BoardState>) => {
      if (!disposed) setState((s) => ({ ...s, ...patch }));
    };

    // The socket cannot tell us why it was refused; the REST API can. Both start at once,
    // so checking the link costs no time before the board starts arriving.
    const checkLink = async () => {
      const res = await fetch(`/api/boards/${encodeURIComponent(boardId)}`, { headers: { authorization: `Bearer ${token}` } }).catch(() => null);
      if (disposed) return;
      const refused = res && (res.status === 401 || res.status === 403) ? 'badToken' : res && res.status === 404 ? 'notFound' : null;
      if (refused) {
        provider.destroy();
        return update({ error: refused });
      }
      if (!res?.ok) return;
      const info = (await res.json()) as { role: string; title: string; personName?: string; readOnly?: { reason: BoardState['readOnly'] } };
      if (!disposed) update({ role: asRole(info.role) ?? null, personName: info.personName ?? null, title: info.title || readMeta(doc).title, readOnly: info.readOnly?.reason ?? null });
    };
    void checkLink();

    // A read-only board can become editable (a version restored): the server then closes
    // every connection, and the board is checked again once it is back.
    let lastStatus: ConnectionStatus | undefined;
    const stopListening = connection.listen(({ status, synced, error }) => {
      const patch: Partial<BoardState> = {};
      if (status === 'connected' && lastStatus !== undefined && lastStatus !== 'connected') void checkLink();
      if (status !== undefined) lastStatus = status;
      if (status !== undefined) patch.status = status;
      if (synced) patch.synced = true;
      if (error) patch.error = error;
      if (Object.keys(patch).length) update(patch);
    });
    // The browser knows it is offline long before a socket times out; edits stay local meanwhile.
    const goOffline = () => provider.disconnect();
    const goOnline = () => provider.connect();
    window.addEventListener('offline', goOffline);
    window.addEventListener('online', goOnline);
    // Only a change of the count re-renders: cursors move many times a second.
    let present = -1;
    const countPresent = () => {
      const count = [...provider.awareness.getStates().values()].filter((s) => s && Object.keys(s).length > 0).length;
      if (count !== present) update({ presentCount: (present = count) });
    };
    provider.awareness.on('change', countPresent);
    countPresent();
    update({ doc, awareness: provider.awareness });

    const elements = elementsOf(doc);
    const meta = metaOf(doc);
    const onElements = () => update({ elementCount: elements.size });
    const onMeta = () => {
      const title = readMeta(doc).title;
      if (title) update({ title });
    };
    elements.observe(onElements);
    meta.observe(onMeta);
    // An early connection may have brought the board already.
    onElements();
    onMeta();

    return () => {
      disposed = true;
      elements.unobserve(onElements);
      meta.unobserve(onMeta);
      stopListening();
      provider.awareness.off('change', countPresent);
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      connection.destroy();
    };
  }, [boardId, token]);

  return state;
}
