import { describe, expect, it } from 'vitest';
import { consentWording, informationClause } from '../../shared/privacy/clause';
import { contactExpired, contactExpiresAt, dataSubjectSchema, DEFAULT_CONTACT_RETENTION_DAYS, erasureSchema, nextAliasNumber, participantAlias, retentionSchema, sameContact } from '../../shared/privacy/rules';

const DAY = 24 * 60 * 60 * 1000;

describe('contact retention', () => {
  it.each([
    ['default 90 days, one day early', 0, null, 89 * DAY, false],
    ['default 90 days, on the day', 0, null, 90 * DAY, true],
    ['30 days, day 29', 1000, 30, 1000 + 29 * DAY, false],
    ['30 days, day 31', 1000, 30, 1000 + 31 * DAY, true],
    ['1 day, exactly then', 5, 1, 5 + DAY, true],
  ] as const)('%s', (_name, consentAt, days, now, expired) => {
    expect(contactExpired(consentAt, days, now)).toBe(expired);
  });
  it('defaults to 90 days', () => {
    expect(DEFAULT_CONTACT_RETENTION_DAYS).toBe(90);
    expect(contactExpiresAt(0, null)).toBe(90 * DAY);
  });
  it.each([
    [{ days: 30 }, true],
    [{ days: 0 }, false],
    [{ days: 3651 }, false],
    [{ days: 1.5 }, false],
    [{ days: '30' }, false],
    [{ days: 30, extra: 1 }, false],
  ])('retention %j valid: %s', (input, ok) => {
    expect(retentionSchema.safeParse(input).success).toBe(ok);
  });
});

describe('data subjects and erasure', () => {
  it.each([
    [{ kind: 'resident', contact: 'a@b.pl' }, true],
    [{ kind: 'resident', contact: '  ' }, false],
    [{ kind: 'participant', name: 'Ala' }, true],
    [{ kind: 'participant', contact: 'a@b.pl' }, false],
    [{ kind: 'someone' }, false],
  ])('%j valid: %s', (input, ok) => {
    expect(dataSubjectSchema.safeParse(input).success).toBe(ok);
  });
  it.each([
    [{ subject: { kind: 'resident', contact: 'a@b.pl' }, confirm: 'ERASE' }, true],
    [{ subject: { kind: 'resident', contact: 'a@b.pl' } }, false],
    [{ subject: { kind: 'resident', contact: 'a@b.pl' }, confirm: 'yes' }, false],
  ])('erasure %j valid: %s', (input, ok) => {
    expect(erasureSchema.safeParse(input).success).toBe(ok);
  });
  it.each([
    ['jan@example.pl', ' Jan@Example.PL ', true],
    ['+48 600 100 200', '+48600100200', true],
    ['jan@example.pl', 'jana@example.pl', false],
  ])('%s is %s: %s', (a, b, same) => {
    expect(sameContact(a, b)).toBe(same);
  });
  it.each([
    ['pl', [], 1, 'Uczestnik 1'],
    ['pl', ['Uczestnik 1', 'Uczestnik 4', 'Ala'], 5, 'Uczestnik 5'],
    ['en', ['Participant 2', 'Uczestnik 9'], 3, 'Participant 3'],
  ] as const)('aliases (%s, %j): next %i', (locale, names, n, alias) => {
    expect(nextAliasNumber(locale, names)).toBe(n);
    expect(participantAlias(locale, n)).toBe(alias);
  });
});

describe('information clause', () => {
  const settings = { controller: 'Urząd Miasta Łowicza, Stary Rynek 1', contact: 'iod@um.lowicz.pl' };
  it.each(['pl', 'en'] as const)('the %s template names the controller, purpose, basis, retention and rights', (locale) => {
    const clause = informationClause(locale, settings, 45);
    expect(clause).toHaveLength(5);
    const text = clause.map((s) => s.text).join(' ');
    expect(text).toContain('Urząd Miasta Łowicza, Stary Rynek 1');
    expect(text).toContain('iod@um.lowicz.pl');
    expect(text).toContain('45');
    expect(text).toMatch(/6 ust\. 1 lit\. a|6\(1\)\(a\)/);
  });
  it('a host text replaces the template in its language only', () => {
    const own = { ...settings, override: { pl: 'Własna klauzula gminy.' } };
    expect(informationClause('pl', own, 90)).toEqual([{ heading: 'Klauzula informacyjna', text: 'Własna klauzula gminy.' }]);
    expect(informationClause('en', own, 90)).toHaveLength(5);
  });
  it('the consent wording says how long', () => {
    expect(consentWording('pl', 90)).toContain('90 dni');
    expect(consentWording('en', 7)).toContain('7 days');
  });
});
