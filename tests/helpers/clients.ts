import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
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

/**
 * An ordered marker on the board socket: sends sync step 1 and resolves when the server's
 * step 2 answer arrives. The server handles a socket's frames in order, so everything this
 * client sent before has been processed (applied or refused) by then, and the answer carries
 * whatever the server's document holds that this client lacks.
 */
export function roundTrip(client: StockClient, timeoutMs = 5000): Promise<void> {
  const ws = client.provider.ws;
  if (!ws) return Promise.reject(new Error('roundTrip: the provider is not connected'));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.removeEventListener('message', onMessage);
      reject(new Error('roundTrip: no sync step 2 answer'));
    }, timeoutMs);
    const onMessage = (event: MessageEvent) => {
      const bytes = new Uint8Array(event.data as ArrayBuffer);
      // [messageSync = 0, syncStep2 = 1, …]
      if (bytes[0] !== 0 || bytes[1] !== 1) return;
      clearTimeout(timer);
      ws.removeEventListener('message', onMessage);
      resolve();
    };
    ws.addEventListener('message', onMessage);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeSyncStep1(encoder, client.doc);
    ws.send(encoding.toUint8Array(encoder));
  });
}

/** Resolves when the provider's socket has closed or failed at least once. */
export function connectionEnded(client: StockClient, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the connection did not end')), timeoutMs);
    const done = () => {
      clearTimeout(timer);
      client.provider.off('connection-close', done);
      client.provider.off('connection-error', done);
      resolve();
    };
    client.provider.on('connection-close', done);
    client.provider.on('connection-error', done);
  });
}

/** Polls an asynchronous check until it holds; rejects with `what` after the timeout. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
