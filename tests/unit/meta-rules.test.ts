import { describe, expect, it } from 'vitest';
import { mayWriteMeta, ROOT_TYPES } from '../../shared/schema/meta-rules';
import { admitsAwareness, decodeAwarenessEntries, encodeAwarenessEntries, MAX_AWARENESS_IDS_PER_CONNECTION, MAX_AWARENESS_STATE_CHARS, type AwarenessHolder } from '../../server/sync/awareness-guard';
import { readStateVector } from '../../server/sync/connection';

describe('mayWriteMeta: who may write which board metadata over live sync', () => {
  it.each([
    ['facilitator', 'title', 'Plan Rozwoju Lokalnego', true],
    ['facilitator', 'title', '  Plan  ', true],
    ['facilitator', 'title', 'x'.repeat(200), true],
    ['facilitator', 'title', 'x'.repeat(201), false],
    ['facilitator', 'title', '   ', false],
    ['facilitator', 'title', 42, false],
    ['facilitator', 'schemaVersion', 1, false],
    ['facilitator', 'createdAt', 1, false],
    ['facilitator', 'locale', 'en', false],
    ['facilitator', '__proto__', 'x', false],
    ['participant', 'title', 'Plan', false],
    ['participant', 'schemaVersion', 999, false],
    ['observer', 'title', 'Plan', false],
  ] as const)('%s writing %s = %j → %s', (role, key, value, allowed) => {
    expect(mayWriteMeta(role, key, value)).toBe(allowed);
  });

  it('the document has exactly two top-level types', () => {
    expect(ROOT_TYPES).toEqual(['meta', 'elements']);
  });
});

describe('admitsAwareness: a connection speaks only for the presence ids it introduced', () => {
  const entry = (state: string) => ({ clientId: 7, clock: 1, state });
  it.each([
    ['sender', '{"user":{}}', 0, true],
    ['sender', 'null', 1, true],
    ['someone-else', '{"user":{}}', 0, false],
    ['someone-else', 'null', 0, false],
    ['nobody', '{"user":{}}', 0, true],
    ['nobody', '{"user":{}}', MAX_AWARENESS_IDS_PER_CONNECTION - 1, true],
    ['nobody', '{"user":{}}', MAX_AWARENESS_IDS_PER_CONNECTION, false],
    ['nobody', 'null', 0, false],
    ['sender', 'too large', 1, false],
  ] as const)('held by %s, state %s, %i ids held → %s', (holder, state, held, admitted) => {
    const text = state === 'too large' ? `"${'x'.repeat(MAX_AWARENESS_STATE_CHARS)}"` : state;
    expect(admitsAwareness(entry(text), holder as AwarenessHolder, held)).toBe(admitted);
  });

  it('decoding round-trips and refuses what is truncated, trailing or not JSON', () => {
    const entries = [{ clientId: 1, clock: 2, state: '{"a":1}' }, { clientId: 300, clock: 0, state: 'null' }];
    const bytes = encodeAwarenessEntries(entries);
    expect(decodeAwarenessEntries(bytes)).toEqual(entries);
    expect(() => decodeAwarenessEntries(bytes.subarray(0, bytes.length - 1))).toThrow();
    expect(() => decodeAwarenessEntries(new Uint8Array([...bytes, 0]))).toThrow();
    expect(() => decodeAwarenessEntries(encodeAwarenessEntries([{ clientId: 1, clock: 1, state: '{not json' }]))).toThrow();
    expect(() => decodeAwarenessEntries(new Uint8Array([0xff, 0xff, 0x7f]))).toThrow();
  });
});

describe('readStateVector: a state vector from the wire is checked whole', () => {
  it.each([
    ['empty vector', [0], true],
    ['one entry', [1, 5, 3], true],
    ['ends early', [0xff], false],
    ['count larger than the payload', [0xff, 0xff, 0x03, 1, 1], false],
    ['trailing bytes', [1, 5, 5, 9, 9], false],
    ['truncated pair', [2, 1, 1, 2], false],
  ])('%s', (_name, bytes, valid) => {
    const run = () => readStateVector(new Uint8Array(bytes));
    if (valid) expect(run).not.toThrow();
    else expect(run).toThrow();
  });
});
