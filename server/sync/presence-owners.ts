import type * as awarenessProtocol from 'y-protocols/awareness';
import { admitsAwareness, decodeAwarenessEntries, encodeAwarenessEntries } from './awareness-guard';

/** What presence ownership needs of a connection. */
export interface PresenceHolder {
  /** Awareness client ids this connection has introduced. */
  readonly awarenessIds: Set<number>;
}

/**
 * Which connection introduced each presence id in one room (ids of other processes are not
 * in it), so that a connection speaks only for its own (awareness-guard.ts).
 */
export class PresenceOwners {
  private readonly owners = new Map<number, PresenceHolder>();

  constructor(private readonly awareness: awarenessProtocol.Awareness) {
    awareness.on('update', this.release);
  }

  /** The entries of a connection's update it may send; throws on a malformed update. Undefined when nothing is left. */
  admit(update: Uint8Array, from: PresenceHolder): Uint8Array | undefined {
    const entries = decodeAwarenessEntries(update);
    const admitted = entries.filter((entry) => {
      const owner = this.owners.get(entry.clientId);
      const holder = owner === from ? 'sender' : owner || this.awareness.states.has(entry.clientId) ? 'someone-else' : 'nobody';
      if (!admitsAwareness(entry, holder, from.awarenessIds.size)) return false;
      if (holder === 'nobody') {
        this.owners.set(entry.clientId, from);
        from.awarenessIds.add(entry.clientId);
      }
      return true;
    });
    if (admitted.length === 0) return undefined;
    return admitted.length === entries.length ? update : encodeAwarenessEntries(admitted);
  }

  /** A connection left: ids it introduced whose state never took (an old clock) are freed too. */
  forget(holder: PresenceHolder, ids: readonly number[]): void {
    for (const id of ids) if (this.owners.get(id) === holder) this.owners.delete(id);
  }

  /** Presence that ended (removed by its owner, timed out, its connection gone) frees its id. */
  private readonly release = ({ removed }: { removed: number[] }): void => {
    for (const id of removed) {
      this.owners.get(id)?.awarenessIds.delete(id);
      this.owners.delete(id);
    }
  };

  destroy(): void {
    this.awareness.off('update', this.release);
  }
}
