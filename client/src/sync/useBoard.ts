import { useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { elementsOf, metaOf, readMeta } from '../../../shared/schema/doc';
import { sessionId } from '../control/session';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';
/** Why the board cannot be used, as an i18n key under `errors.`. */
export type BoardError = 'noToken' | 'badToken' | 'notFound' | 'deleted' | 'tooLarge' | 'generic';

/** Close codes after which reconnecting cannot help (server/sync/protocol.ts). */
const FINAL_CLOSE_CODES: Record<number, BoardError> = { 4401: 'badToken', 4404: 'deleted', 4413: 'tooLarge', 4415: 'generic' };

export interface BoardState {
  doc: Y.Doc | null;
  awareness: Awareness | null;
  status: ConnectionStatus;
  synced: boolean;
  title: string;
  elementCount: number;
  presentCount: number;
  role: string | null;
  error: BoardError | null;
}

export function syncServerUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/yjs`;
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
    error: token ? null : 'noToken',
  });

  useEffect(() => {
    if (!token) return;
    let disposed = false;
    let provider: WebsocketProvider | undefined;
    let offline: IndexeddbPersistence | undefined;
    let removeNetworkListeners = () => {};
    const doc = new Y.Doc();
    const update = (patch: Partial<BoardState>) => {
      if (!disposed) setState((s) => ({ ...s, ...patch }));
    };

    // The socket cannot tell us why it was refused; the REST API can. Both start at once,
    // so checking the link costs no time before the board starts arriving.
    void (async () => {
      const res = await fetch(`/api/boards/${encodeURIComponent(boardId)}`, { headers: { authorization: `Bearer ${token}` } }).catch(() => null);
      if (disposed) return;
      const refused = res && (res.status === 401 || res.status === 403) ? 'badToken' : res && res.status === 404 ? 'notFound' : null;
      if (refused) {
        provider?.destroy();
        return update({ error: refused });
      }
      const info = res?.ok ? ((await res.json()) as { role: string; title: string }) : null;
      if (!disposed) update({ role: info?.role ?? null, title: info?.title || readMeta(doc).title });
    })();

    void (async () => {
      update({ doc });
      // Edits made offline are kept in this browser and merged when the connection returns.
      try {
        offline = new IndexeddbPersistence(`warsztat:${boardId}`, doc);
      } catch {
        offline = undefined;
      }

      provider = new WebsocketProvider(syncServerUrl(), boardId, doc, {
        params: { token, session: sessionId() },
        shouldReconnect: (event) => {
          const error = FINAL_CLOSE_CODES[event.code];
          if (error) update({ error });
          return !error;
        },
      });
      provider.on('status', ({ status }: { status: ConnectionStatus }) => update({ status }));
      // The browser knows it is offline long before a socket times out; edits stay local meanwhile.
      const goOffline = () => provider?.disconnect();
      const goOnline = () => provider?.connect();
      window.addEventListener('offline', goOffline);
      window.addEventListener('online', goOnline);
      removeNetworkListeners = () => {
        window.removeEventListener('offline', goOffline);
        window.removeEventListener('online', goOnline);
      };
      // Only the first sync gates the board: losing the connection later must not block editing.
      provider.on('sync', (synced: boolean) => {
        if (synced) update({ synced: true });
      });
      // Only a change of the count re-renders: cursors move many times a second.
      let present = -1;
      const countPresent = () => {
        const count = [...provider!.awareness.getStates().values()].filter((s) => s && Object.keys(s).length > 0).length;
        if (count !== present) update({ presentCount: (present = count) });
      };
      provider.awareness.on('change', countPresent);
      countPresent();
      update({ awareness: provider.awareness });
    })();

    const elements = elementsOf(doc);
    const meta = metaOf(doc);
    const onElements = () => update({ elementCount: elements.size });
    const onMeta = () => {
      const title = readMeta(doc).title;
      if (title) update({ title });
    };
    elements.observe(onElements);
    meta.observe(onMeta);

    return () => {
      disposed = true;
      elements.unobserve(onElements);
      meta.unobserve(onMeta);
      removeNetworkListeners();
      provider?.destroy();
      void offline?.destroy();
      doc.destroy();
    };
  }, [boardId, token]);

  return state;
}
