import { randomBytes } from 'node:crypto';
import { MAX_PERSONAL_LINKS, type PersonalLinkRole } from '../shared/protocol/personal-links';
import type { BoardStore, PersonalLinkRecord, Role } from './storage/types';
import type { RoomRegistry } from './sync/rooms';
import { CLOSE } from './sync/messages';
import { hashToken, newToken } from './tokens';

/** Closes this process's sync sockets of a revoked token (each process does it for its own). */
export function closeRevokedHere(rooms: RoomRegistry, boardId: string, tokenHash: string): void {
  const room = rooms.peek(boardId);
  // Sockets admitted just before the deletion, still waiting for the board to load, are
  // refused when they arrive (the room remembers the revoked hash).
  room?.facilitation.revokeToken(tokenHash);
  room?.closeConnections((c) => c.tokenHash === tokenHash, CLOSE.personalLinkRevoked);
}

export type CreatedPersonalLink = { ok: true; link: PersonalLinkRecord; token: string } | { ok: false; reason: 'full' | 'noBoard' };

/**
 * Personal links of boards: issued to one named person, listed, revoked alone. A revoked
 * link's sockets close at once and its token stops matching (it is deleted from storage).
 */
export class PersonalLinkService {
  /** Set by the app: closes the facilitation sockets that came with a token (every process). */
  onRevoked: (boardId: string, tokenHash: string, reason: string) => Promise<void> = async () => {};

  constructor(
    private readonly store: BoardStore,
    private readonly rooms: RoomRegistry,
    private readonly max = MAX_PERSONAL_LINKS,
  ) {}

  async create(boardId: string, name: string, role: PersonalLinkRole): Promise<CreatedPersonalLink> {
    const token = newToken();
    const link: PersonalLinkRecord = { id: randomBytes(9).toString('base64url'), boardId, name, role, createdAt: Date.now() };
    const result = await this.store.createPersonalLink(link, hashToken(token), this.max);
    return result === 'created' ? { ok: true, link, token } : { ok: false, reason: result };
  }

  list(boardId: string): Promise<PersonalLinkRecord[]> {
    return this.store.listPersonalLinks(boardId);
  }

  /** Revokes a link and closes every socket that came with it; false when there was none. */
  async revoke(boardId: string, id: string): Promise<boolean> {
    const hash = await this.store.deletePersonalLink(boardId, id);
    if (hash === undefined) return false;
    closeRevokedHere(this.rooms, boardId, hash);
    await this.onRevoked(boardId, hash, CLOSE.personalLinkRevoked.reason);
    return true;
  }

  /** The facilitator changed the role of someone who came by this link: it sticks to the link. */
  setRole(boardId: string, id: string, role: Role): Promise<boolean> {
    return this.store.setPersonalLinkRole(boardId, id, role);
  }
}
