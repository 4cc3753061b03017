import { describe, expect, it } from 'vitest';
import { checkPersonalLinkName, exclusionOf, newPersonalLinkSchema, removalOutcome } from '../../shared/protocol/personal-links';

describe('personal link rules', () => {
  it.each([
    ['Anna Kowalska', { ok: true, name: 'Anna Kowalska' }],
    ['  Zażółć Gęślą  ', { ok: true, name: 'Zażółć Gęślą' }],
    ['', { ok: false, reason: 'empty' }],
    [' \t ', { ok: false, reason: 'empty' }],
    ['x'.repeat(40), { ok: true, name: 'x'.repeat(40) }],
    ['x'.repeat(41), { ok: false, reason: 'tooLong' }],
    // Counted in characters, not UTF-16 units: 40 emoji fit.
    ['😀'.repeat(40), { ok: true, name: '😀'.repeat(40) }],
    ['Anna\nKowalska', { ok: false, reason: 'controlCharacters' }],
  ])('name %j → %j', (raw, expected) => {
    expect(checkPersonalLinkName(raw)).toEqual(expected);
  });

  it.each([
    [{ name: 'Anna', role: 'participant' }, true],
    [{ name: 'Anna', role: 'observer' }, true],
    [{ name: 'Anna', role: 'facilitator' }, false],
    [{ name: 'Anna' }, false],
    [{ name: 'Anna', role: 'participant', extra: 1 }, false],
    [{ name: 7, role: 'participant' }, false],
  ])('body %j valid: %s', (body, valid) => {
    expect(newPersonalLinkSchema.safeParse(body).success).toBe(valid);
  });

  it.each([
    ['personal', 'participant', { kind: 'linkRevoked' }],
    ['personal', 'facilitator', { kind: 'linkRevoked' }],
    ['shared', 'participant', { kind: 'canReturn', sharedLink: 'participant', replaceable: true }],
    ['shared', 'observer', { kind: 'canReturn', sharedLink: 'observer', replaceable: true }],
    // Replacing the facilitator link would shut out the facilitator doing the removing.
    ['shared', 'facilitator', { kind: 'canReturn', sharedLink: 'facilitator', replaceable: false }],
  ] as const)('removing someone who came by a %s %s link → %j', (arrivedBy, linkRole, outcome) => {
    expect(removalOutcome({ arrivedBy, linkRole })).toEqual(outcome);
  });

  it.each([
    ['removed by the facilitator', 'removed'],
    ['personal link revoked', 'linkRevoked'],
    ['link was replaced', 'linkReplaced'],
    ['something else', 'removed'],
  ] as const)('reason %j reads as %s', (reason, kind) => {
    expect(exclusionOf(reason)).toBe(kind);
  });
});
