import * as Y from 'yjs';
import type { Locale } from '../shared/schema/doc';
import { initBoard, renameBoard } from '../shared/ops/board';
import { initialControlState } from '../shared/protocol/state';
import { TEMPLATES } from '../shared/templates';
import type { BoardRecord, BoardStore, Role } from './storage/types';
import { ROLES } from './storage/types';
import type { RoomRegistry } from './sync/rooms';
import type { ReadOnlyReason } from './sync/room';
import { CLOSE } from './sync/messages';
import { hashToken, newBoardId, newToken } from './tokens';

export type RoleTokens = Record<Role, string>;

/** Board life cycle: what the REST API (and later the CLI) does to boards. */
export class BoardService {
  /** Set by the app: disconnects facilitation sockets that came with a replaced link. */
  onLinkReplaced: (boardId: string, role: Role, currentHash: string) => Promise<void> = async () => {};

  constructor(
    private readonly store: BoardStore,
    private readonly rooms: RoomRegistry,
  ) {}

  /** Creates a board from a template; returns its record and the role tokens (shown once). */
  async create(input: { title: string; template: string; locale: Locale }): Promise<{ board: BoardRecord; tokens: RoleTokens }> {
    const template = TEMPLATES[input.template];
    if (!template) throw new Error(`unknown template ${input.template}`);
    const now = Date.now();
    const doc = new Y.Doc();
    initBoard(doc, input.title, input.locale, now);
    const extra = template(doc, input.locale);
    const initial = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    const board: BoardRecord = { id: newBoardId(), title: input.title.trim(), locale: input.locale, createdAt: now, updatedAt: now };
    const tokens = Object.fromEntries(ROLES.map((role) => [role, newToken()])) as RoleTokens;
    const hashes = Object.fromEntries(ROLES.map((role) => [role, hashToken(tokens[role])])) as RoleTokens;
    await this.store.createBoard(board, initial, hashes);
    if (extra?.agenda.length) {
      await this.store.saveControl(board.id, JSON.stringify({ state: { ...initialControlState(), agenda: extra.agenda }, ballots: {}, drafts: {} }));
    }
    return { board, tokens };
  }

  /** Renames through the live document, so everyone connected sees the new title. */
  /** Why the board opens read-only, if it does (its stored document could not be migrated). */
  readOnly(boardId: string): Promise<ReadOnlyReason | null> {
    return this.rooms.withRoom(boardId, (room) => room.readOnly);
  }

  async rename(boardId: string, title: string): Promise<BoardRecord | undefined> {
    if (!(await this.store.getBoard(boardId))) return undefined;
    await this.rooms.withRoom(boardId, async (room) => {
      renameBoard(room.doc, title, 'server');
      await room.whenDurable();
    });
    await this.store.setTitle(boardId, title.trim());
    return this.store.getBoard(boardId);
  }

  async delete(boardId: string): Promise<boolean> {
    const room = this.rooms.peek(boardId);
    room?.closeAll(CLOSE.boardDeleted.code, CLOSE.boardDeleted.reason);
    await this.rooms.evict(boardId);
    return this.store.deleteBoard(boardId);
  }

  /** Replaces one role's token; people connected with the old one are disconnected. */
  async rotate(boardId: string, role: Role): Promise<string> {
    const token = newToken();
    const hash = hashToken(token);
    await this.store.replaceToken(boardId, role, hash);
    // Personal links stay valid: they are not the shared link, whatever role they grant.
    this.rooms.peek(boardId)?.closeConnections((c) => c.tokenRole === role && c.tokenHash !== hash && !c.personalLinkId, CLOSE.tokenRevoked);
    await this.onLinkReplaced(boardId, role, hash);
    return token;
  }
}
