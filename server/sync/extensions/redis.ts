import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { RelayKind, type RedisRelay, type RoomPeer } from '../../scale/redis-relay';
import { REMOTE_ORIGIN, type RoomCore, type RoomExtension } from '../room-hooks';

/**
 * Other processes holding the same board (server/scale/redis-relay.ts): durable updates,
 * presence and facilitation state both ways, and a periodic state-vector exchange that
 * repairs dropped messages. It subscribes before the board is read, so an update published
 * meanwhile is buffered, not lost.
 */
export class RedisExtension implements RoomExtension {
  readonly name = 'redis-relay';
  peer: RoomPeer | null = null;
  private ready = false;
  private readonly early: [RelayKind, Uint8Array][] = [];
  private resyncTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly room: RoomCore,
    private readonly relay: RedisRelay,
    private readonly resyncMs: number,
  ) {}

  async beforeLoad(): Promise<void> {
    this.peer = await this.relay.attach(this.room.boardId, (kind, payload) => this.onRemote(kind, payload));
  }

  onReady(): void {
    const peer = this.peer!;
    const { facilitation, doc } = this.room;
    this.ready = true;
    for (const [kind, payload] of this.early.splice(0)) this.onRemote(kind, payload);
    facilitation.onChange((source) => {
      if (source === 'local') peer.publish(RelayKind.Facilitation, new TextEncoder().encode(facilitation.serialise()));
    });
    facilitation.onDraftsStored((json) => peer.publish(RelayKind.Drafts, new TextEncoder().encode(json)));
    const announce = () => peer.publish(RelayKind.StateVector, Y.encodeStateVector(doc));
    announce();
    this.resyncTimer = setInterval(announce, this.resyncMs);
    this.resyncTimer.unref();
  }

  onStoreDocument(update: Uint8Array): void {
    this.peer?.publish(RelayKind.Update, update);
  }

  /** A message from another process holding this board. */
  private onRemote(kind: RelayKind, payload: Uint8Array): void {
    if (!this.ready) {
      this.early.push([kind, payload.slice()]);
      return;
    }
    const { room } = this;
    switch (kind) {
      case RelayKind.Update:
        Y.applyUpdate(room.doc, payload, REMOTE_ORIGIN);
        return;
      case RelayKind.Awareness:
        awarenessProtocol.applyAwarenessUpdate(room.awareness, payload, REMOTE_ORIGIN);
        return;
      case RelayKind.StateVector: {
        // Answer with whatever the other process lacks; only durable content is sent.
        const stateVector = payload.slice();
        void room.durableRead(() => Y.encodeStateAsUpdate(room.doc, stateVector)).then((missing) => {
          if (room.closing) return;
          if (missing.byteLength > 2) this.peer?.publish(RelayKind.Update, missing);
        }).catch((err: unknown) => room.log.warn({ boardId: room.boardId, err }, 'state vector from another process not answered'));
        return;
      }
      case RelayKind.Facilitation:
        room.facilitation.applyRemote(new TextDecoder().decode(payload));
        return;
      case RelayKind.Drafts:
        room.facilitation.applyRemoteDrafts(new TextDecoder().decode(payload));
        return;
    }
  }

  onDestroy(): Promise<void> | void {
    clearInterval(this.resyncTimer);
    return this.peer?.close();
  }
}
