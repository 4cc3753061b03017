import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { onCleanup } from './server';

export interface StockClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

/** A stock y-websocket client, exactly as an outside integrator would use it. */
export function stockClient(wsUrl: string, boardId: string, token: string | undefined, options: { connect?: boolean; doc?: Y.Doc } = {}): StockClient {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, boardId, doc, {
    params: token === undefined ? {} : { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    connect: options.connect ?? true,
    disableBc: true,
  });
  const destroy = () => {
    provider.destroy();
    doc.destroy();
  };
  onCleanup(destroy);
  return { doc, provider, destroy };
}

/** Resolves when the provider has finished its first sync. */
export function synced(client: StockClient, timeoutMs = 5000): Promise<void> {
  if (client.provider.synced) return Promise.resolve();
  return waitFor(() => client.provider.synced, timeoutMs, 'provider sync');
}

/** Polls until `check` holds; rejects with `what` after the timeout. */
export async function waitFor(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Opens a raw socket and resolves with how it ended: refused at upgrade, or closed. */
export function rawSocket(url: string): Promise<{ ws: WebSocket; opened: boolean; status?: number; body?: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on('error', () => {});
    ws.on('open', () => resolve({ ws, opened: true }));
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ ws, opened: false, status: res.statusCode, body }));
    });
    onCleanup(() => ws.terminate());
  });
}

export function closeOf(ws: WebSocket, timeoutMs = 5000): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket did not close')), timeoutMs);
    ws.once('close', (code, reason) => {
      clearTimeout(timer);
      resolve({ code, reason: reason.toString() });
    });
  });
}

/** Adds a note every couple of milliseconds until `stop` is called; resolves when it has stopped. */
export function keepWriting(doc: import('yjs').Doc, add: (doc: import('yjs').Doc, i: number) => void): { stop(): Promise<void> } {
  let stopped = false;
  const loop = (async () => {
    for (let i = 0; !stopped; i++) {
      add(doc, i);
      await new Promise((r) => setTimeout(r, 2));
    }
  })();
  return {
    stop: () => {
      stopped = true;
      return loop;
    },
  };
}
