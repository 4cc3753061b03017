import type { Role } from '../../shared/protocol/state';

/** What a room needs of one connected socket. */
export interface RoomConnection {
  /** The role in force now (it can change live). */
  readonly role: Role;
  /** The role of the link it came with. */
  readonly tokenRole: Role;
  readonly tokenHash: string;
  /** Set when it came by a personal link rather than a shared role link. */
  readonly personalLinkId?: string;
  /** Awareness client ids this connection has announced; removed when it leaves. */
  readonly awarenessIds: Set<number>;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}
