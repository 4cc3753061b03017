import { IndexeddbPersistence, storeState } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { finalCloseError } from '../../../shared/protocol/close-codes';
import { routeOf } from '../../../shared/protocol/routes';
import { sessionId } from '../control/session';
import { applyFirstSyncQuietly, whenIdle } from './first-sync';
import { batchOfflineWrites } from './offline-writes';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';
/** Why the board cannot be used, as an i18n key under `errors.`. */
export type BoardError = 'noToken' | 'badToken' | 'notFound' | 'deleted' | 'tooLarge' | 'generic';


/** How long the socket waits for the offline copy to be read before opening anyway. */
const OFFLINE_COPY_WAIT_MS = 400;

export function syncServerUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/yjs`;
}

/** What a connection has to say; the latest of each is kept for whoever listens later. */
export interface ConnectionEvents {
  status: ConnectionStatus;
  synced: boolean;
  error: BoardError | null;
}

/** One board's live Y.Doc: the offline copy in this browser and the sync server's socket. */
export interface BoardConnection {
  boardId: string;
  token: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  offline: IndexeddbPersistence | undefined;
  /** Replays what happened so far, then reports each change; returns the unsubscribe. */
  listen(listener: (events: Partial<ConnectionEvents>) => void): () => void;
  destroy(): void;
}

/** Opens a board's connection (the offline copy first, so edits made offline are merged). */
export function connectBoard(boardId: string, token: string): BoardConnection {
  const doc = new Y.Doc();
  const state: ConnectionEvents = { status: 'connecting', synced: false, error: null };
  const listeners = new Set<(events: Partial<ConnectionEvents>) => void>();
  const report = (events: Partial<ConnectionEvents>) => {
    Object.assign(state, events);
    for (const listener of listeners) listener(events);
  };
  let destroyed = false;
  let offline: IndexeddbPersistence | undefined;
  try {
    offline = new IndexeddbPersistence(`warsztat:${boardId}`, doc);
  } catch {
    offline = undefined;
  }
  const provider = new WebsocketProvider(syncServerUrl(), boardId, doc, {
    connect: false,
    params: { token, session: sessionId() },
    shouldReconnect: (event) => {
      const error = finalCloseError(event.code);
      if (error) report({ error });
      return !error;
    },
  });
  const offlineWriter = offline ? batchOfflineWrites(doc, offline) : undefined;
  applyFirstSyncQuietly(provider, [offlineWriter?.listener], () => {
    if (!offline) return;
    const copy = offline;
    void copy.whenSynced.then(() =>
      whenIdle(() => {
        if (!destroyed) storeState(copy).catch(() => undefined);
      }),
    );
  });
  provider.on('status', ({ status }: { status: ConnectionStatus }) => report({ status }));
  // The socket opens once the offline copy has been read (so edits made offline are in the
  // first exchange with the server), or after a moment without it. Opened earlier, the
  // board would often arrive first, and the offline copy would then write the whole board
  // out again as its starting point (a second encoding of every element on the way in).
  let opened = false;
  const open = () => {
    if (opened || destroyed) return;
    opened = true;
    provider.connect();
  };
  if (offline) void offline.whenSynced.then(open);
  setTimeout(open, offline ? OFFLINE_COPY_WAIT_MS : 0);
  // Only the first sync gates the board: losing the connection later must not block editing.
  provider.on('sync', (synced: boolean) => {
    if (synced) report({ synced: true });
  });
  return {
    boardId,
    token,
    doc,
    provider,
    offline,
    listen(listener) {
      listeners.add(listener);
      listener({ ...state });
      return () => listeners.delete(listener);
    },
    destroy() {
      destroyed = true;
      listeners.clear();
      provider.destroy();
      offlineWriter?.dispose();
      void offline?.destroy();
      doc.destroy();
    },
  };
}

let early: BoardConnection | null = null;

/** The board page's address: `/b/<boardId>#token=…`. */
export function boardRoute(): { boardId: string; token: string | null } | null {
  const route = routeOf(location.pathname, location.hash);
  return route.page === 'board' ? { boardId: route.boardId, token: route.token } : null;
}

/**
 * Starts the board's connection before the interface's code has loaded (main.tsx), so the
 * board travels while React, Konva and the rest are parsed. The board page adopts it.
 */
export function connectEarly(): void {
  const route = boardRoute();
  if (!route?.token || early) return;
  try {
    early = connectBoard(route.boardId, route.token);
  } catch {
    early = null;
  }
}

/** The connection started early for this board, if any; handed over once. */
export function adoptEarly(boardId: string, token: string): BoardConnection | null {
  const connection = early;
  early = null;
  if (connection && connection.boardId === boardId && connection.token === token) return connection;
  connection?.destroy();
  return null;
}
