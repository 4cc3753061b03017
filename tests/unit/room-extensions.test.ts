import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import pino from 'pino';
import { roomExtensions, type ExtensionDeps } from '../../server/sync/extensions';
import type { RoomCore } from '../../server/sync/room-hooks';
import type { RedisRelay } from '../../server/scale/redis-relay';

/** The room's extensions are registered in one place, in the order their hooks run (room-hooks.ts). */
function core(): RoomCore {
  const doc = new Y.Doc();
  return { boardId: 'b', doc, awareness: new awarenessProtocol.Awareness(doc), connections: new Set(), facilitation: undefined as never, readOnly: null, closing: false, log: pino({ level: 'silent' }), whenDurable: async () => undefined, durableRead: async (read) => read(), fail: () => undefined };
}
const deps = { store: {}, queue: {}, maxDocBytes: 100, compactAfterUpdates: 10 } as unknown as ExtensionDeps;

describe('room extensions', () => {
  it.each([
    ['alone', undefined, ['read-only', 'persistence', 'document-guards', 'client-broadcast', 'presence']],
    ['with Redis', {} as RedisRelay, ['read-only', 'persistence', 'document-guards', 'client-broadcast', 'presence', 'redis-relay']],
  ])('%s: refusals in order read-only → size → what a client may write; stored changes reach clients before other processes', (_name, relay, names) => {
    const { all } = roomExtensions(core(), { ...deps, relay }, () => undefined);
    expect(all.map((e) => e.name)).toEqual(names);
  });

  it('refuses a read-only board before looking at the size, and a too-large update before its contents', () => {
    const room = core();
    const { all } = roomExtensions(room, deps, () => undefined);
    const refusal = (r: RoomCore, update: Uint8Array) => roomExtensions(r, deps, () => undefined).all.map((e) => e.beforeHandleMessage?.(update, undefined as never)).find(Boolean);
    expect(all.find((e) => e.name === 'persistence')!.beforeHandleMessage!(new Uint8Array(101), undefined as never)).toBe('too-large');
    expect(refusal({ ...room, readOnly: {} as never }, new Uint8Array(101))).toBe('read-only');
    expect(refusal(room, new Uint8Array(101))).toBe('too-large');
  });
});
