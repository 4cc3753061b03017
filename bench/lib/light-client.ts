import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import WebSocket from 'ws';
import * as Y from 'yjs';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

export interface LightClientOptions {
  /**
   * 0: apply each incoming update at once, as WebsocketProvider does. More: collect incoming
   * updates and apply them every `applyEveryMs` in one transaction. A Yjs transaction costs
   * O(clients that ever edited the doc), so with 200 writers a load generator cannot afford
   * one per update for 200 replicas; batching keeps every light client a full replica.
   */
  applyEveryMs?: number;
  /**
   * false: after the initial sync, incoming updates are counted and dropped instead of
   * applied (a pure protocol speaker; the server cannot tell the difference).
   */
  replica?: boolean;
  /**
   * Send every awareness frame received straight back, as WebsocketProvider effectively
   * does: its awareness 'update' handler re-broadcasts remote states too (y-websocket 3.1).
   */
  echoAwareness?: boolean;
}

/**
 * A minimal y-websocket client: raw `ws` plus y-protocols' sync encoding, with its own
 * Y.Doc that every incoming document update is applied to (so it is a real replica), and
 * its own presence, hand-encoded exactly as y-protocols' encodeAwarenessUpdate does.
 * What it skips, compared with WebsocketProvider: reconnecting, resync timers, the
 * BroadcastChannel, and decoding other people's presence (awareness frames are counted
 * and dropped: a real client would parse them to draw cursors).
 */
export class LightClient {
  readonly doc = new Y.Doc();
  ws: WebSocket | undefined;
  synced = false;
  closed = false;
  awarenessFrames = 0;
  syncFrames = 0;
  /** Close code and reason of the socket once it has closed (whoever closed it). */
  closeCode: number | undefined;
  closeReason = '';
  private awarenessClock = 0;
  private syncedWaiters: (() => void)[] = [];
  /** Callers of requestState waiting for the server's next sync step 2. */
  private step2Waiters: ((answered: boolean) => void)[] = [];
  private incoming: Uint8Array[] = [];
  private applyTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: LightClientOptions = {}) {}

  private readonly sendLocal = (update: Uint8Array) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    this.send(encoding.toUint8Array(encoder));
  };

  /**
   * Makes a local edit (one transaction) and sends its update. The 'update' listener is
   * attached only meanwhile: Yjs encodes an update for every transaction while one is
   * attached, and encoding each applied remote update just to drop it is pure generator cost.
   */
  edit(fn: () => void): void {
    this.doc.on('update', this.sendLocal);
    try {
      this.doc.transact(fn);
    } finally {
      this.doc.off('update', this.sendLocal);
    }
  }

  /** Connects and resolves once the server's state has arrived (sync step 2). */
  connect(url: string, timeoutMs = 30_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      ws.binaryType = 'nodebuffer';
      this.ws = ws;
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error(`no sync within ${timeoutMs} ms`));
      }, timeoutMs);
      this.syncedWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
      ws.on('open', () => {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.writeSyncStep1(encoder, this.doc);
        this.send(encoding.toUint8Array(encoder));
      });
      ws.on('message', (data: Buffer) => this.onMessage(data));
      ws.on('unexpected-response', (_req, res) => {
        clearTimeout(timer);
        reject(new Error(`upgrade refused: ${res.statusCode}`));
        ws.terminate();
      });
      ws.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      ws.on('close', (code: number, reason: Buffer) => {
        this.closed = true;
        this.closeCode = code;
        this.closeReason = reason.toString();
        for (const waiter of this.step2Waiters.splice(0)) waiter(false);
        clearTimeout(timer);
        if (!this.synced) reject(new Error('closed before sync'));
      });
    });
  }

  private onMessage(data: Buffer): void {
    if (this.closed) return;
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_AWARENESS) {
      this.awarenessFrames++;
      if (this.options.echoAwareness) this.send(bytes);
      return;
    }
    if (type !== MESSAGE_SYNC) return;
    this.syncFrames++;
    if (this.synced && (this.options.applyEveryMs || this.options.replica === false)) {
      const subtype = decoding.readVarUint(decoder);
      if (subtype === syncProtocol.messageYjsUpdate && this.options.replica === false) return;
      if (subtype === syncProtocol.messageYjsUpdate) {
        this.incoming.push(decoding.readVarUint8Array(decoder));
        // A fixed interval with a random phase: every client receives the same broadcast at
        // the same moment, and timers armed by it would all fire together and block the
        // thread (delaying the clients that measure) for the whole batch.
        if (!this.applyTimer) {
          const every = this.options.applyEveryMs ?? 100;
          this.applyTimer = setTimeout(() => {
            this.applyIncoming();
            this.applyTimer = setInterval(() => this.applyIncoming(), every);
          }, Math.random() * every);
        }
        return;
      }
      // Anything else: start over with the whole frame.
      return this.handleSync(decoding.createDecoder(bytes));
    }
    this.handleSync(decoder, true);
  }

  private applyIncoming(): void {
    if (this.closed || this.incoming.length === 0) return;
    const updates = this.incoming;
    this.incoming = [];
    this.doc.transact(() => {
      for (const update of updates) Y.applyUpdate(this.doc, update, this);
    }, this);
  }

  /** A sync frame; `typeRead` when the decoder is already past the message type. */
  private handleSync(decoder: decoding.Decoder, typeRead = false): void {
    if (!typeRead) decoding.readVarUint(decoder);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    const subtype = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
    if (encoding.length(encoder) > 1) this.send(encoding.toUint8Array(encoder));
    if (subtype === syncProtocol.messageYjsSyncStep2 && !this.synced) {
      this.synced = true;
      for (const waiter of this.syncedWaiters.splice(0)) waiter();
    } else if (subtype === syncProtocol.messageYjsSyncStep2) {
      for (const waiter of this.step2Waiters.splice(0)) waiter(true);
    }
  }

  /**
   * Sends sync step 1 (this replica's state vector) and resolves true when the server's
   * step 2 answers it, false on timeout or close. Our server handles one socket's frames
   * in order and answers step 1 only once its document is durable, so the answer
   * acknowledges every edit this client sent before asking.
   */
  requestState(timeoutMs: number): Promise<boolean> {
    if (!this.synced || this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.step2Waiters = this.step2Waiters.filter((w) => w !== done);
        resolve(false);
      }, timeoutMs);
      const done = (answered: boolean) => {
        clearTimeout(timer);
        resolve(answered);
      };
      this.step2Waiters.push(done);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(encoder, this.doc);
      this.send(encoding.toUint8Array(encoder));
    });
  }

  send(message: Uint8Array): void {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(message);
  }

  /** Announces this client's presence (cursor etc.), as y-protocols' awareness does. */
  setPresence(state: Record<string, unknown> | null): void {
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 1);
    encoding.writeVarUint(update, this.doc.clientID);
    encoding.writeVarUint(update, ++this.awarenessClock);
    // null: this client's presence is removed, as WebsocketProvider announces on leaving.
    encoding.writeVarString(update, JSON.stringify(state));
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update));
    this.send(encoding.toUint8Array(encoder));
  }

  /** Bytes the socket still has to write (back-pressure). */
  get buffered(): number {
    return this.ws?.bufferedAmount ?? 0;
  }

  /** Leaves: a close handshake, or with `abrupt` the TCP connection cut, as a lost network. */
  close(abrupt = false): void {
    this.closed = true;
    clearTimeout(this.applyTimer);
    const ws = this.ws;
    if (ws && abrupt) {
      ws.terminate();
    } else if (ws && ws.readyState === WebSocket.OPEN) {
      // A normal close handshake, as a browser tab leaving; cut it if the server is slow.
      ws.close(1000);
      setTimeout(() => ws.terminate(), 2000).unref();
    } else if (ws && ws.readyState !== WebSocket.CLOSED) {
      ws.terminate();
    }
    this.doc.destroy();
  }
}
