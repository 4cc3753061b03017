import { describe, expect, it } from 'vitest';
import { versionsBeyond, type RetainedVersion } from '../../shared/history';

const v = (id: string, kind: RetainedVersion['kind'], createdAt: number): RetainedVersion => ({ id, kind, createdAt });

describe('which versions a board keeps', () => {
  it('deletes nothing within the limit', () => {
    expect(versionsBeyond([v('a', 'phase', 1), v('b', 'manual', 2)], 2)).toEqual([]);
  });

  it('deletes the oldest automatic versions first, then the oldest manual ones, never the newest', () => {
    const versions = [v('m1', 'manual', 1), v('p1', 'phase', 2), v('r1', 'restore', 3), v('m2', 'manual', 4), v('p2', 'phase', 5), v('m3', 'manual', 6)];
    expect(versionsBeyond(versions, 5)).toEqual(['p1']);
    expect(versionsBeyond(versions, 3)).toEqual(['p1', 'r1', 'p2']);
    expect(versionsBeyond(versions, 2)).toEqual(['p1', 'r1', 'p2', 'm1']);
    // The newest is kept even when it is automatic and the limit is one.
    const newestAutomatic = [...versions, v('p3', 'phase', 7)];
    expect(versionsBeyond(newestAutomatic, 1).sort()).toEqual(['m1', 'm2', 'm3', 'p1', 'p2', 'r1']);
  });

  it('settles versions saved in the same millisecond by the storage order (newest first)', () => {
    const sameTime = [v('p2', 'phase', 5), v('p1', 'phase', 5), v('m1', 'manual', 5)];
    expect(versionsBeyond(sameTime, 2)).toEqual(['p1']);
    expect(versionsBeyond(sameTime, 1)).toEqual(['p1', 'm1']);
  });

  it('treats a limit below one as one', () => {
    expect(versionsBeyond([v('a', 'manual', 1), v('b', 'manual', 2)], 0)).toEqual(['a']);
  });
});
