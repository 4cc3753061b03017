import type * as Y from 'yjs';
import type { BoardFacilitation } from './state';

/**
 * What facilitation needs of a loaded board. The live room (server/sync/room.ts) is one;
 * facilitation names only this, so it never imports the sync side (which holds it).
 */
export interface FacilitatedBoard {
  readonly boardId: string;
  readonly doc: Y.Doc;
  readonly facilitation: BoardFacilitation;
}

/** Loaded boards, shared and held by their users (server/sync/rooms.ts RoomRegistry is one). */
export interface BoardHolds<Board extends FacilitatedBoard = FacilitatedBoard> {
  acquire(boardId: string): Promise<Board>;
  release(board: Board): void;
}
