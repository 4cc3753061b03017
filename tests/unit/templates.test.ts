import * as Y from 'yjs';
import { generateKeyBetween } from 'fractional-indexing';
import { describe, expect, it } from 'vitest';
import { ELEMENT_DEFINITIONS, LOCALES, elementsOf, migrateDoc, readElements, readMeta, type Locale } from '../../shared/schema';
import { initBoard, zOrder } from '../../shared/ops';
import { TEMPLATES, isTemplateName } from '../../shared/templates';
import { phaseSchema } from '../../shared/protocol/state';
import { updatesDuring } from './support';

const cases: [string, Locale][] = Object.keys(TEMPLATES).flatMap((name) => LOCALES.map((locale): [string, Locale] => [name, locale]));

function boardFrom(name: string, locale: Locale): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, 'Warsztat', locale, 1);
  TEMPLATES[name]!(doc, locale);
  return doc;
}

describe('templates', () => {
  it('has a blank template and cases for every template in both locales', () => {
    expect(Object.keys(TEMPLATES)).toContain('blank');
    expect(cases).toHaveLength(Object.keys(TEMPLATES).length * LOCALES.length);
  });

  it.each(cases)('%s (%s): every element validates', (name, locale) => {
    const doc = boardFrom(name, locale);
    const { elements, invalid } = readElements(doc);
    expect(invalid).toEqual([]);
    expect(elements).toHaveLength(elementsOf(doc).size);
  });

  it.each(cases)('%s (%s): writes current versions, text as Y.Text, valid order keys', (name, locale) => {
    const doc = boardFrom(name, locale);
    for (const [id, element] of elementsOf(doc).entries()) {
      const definition = ELEMENT_DEFINITIONS[element.get('type') as keyof typeof ELEMENT_DEFINITIONS];
      expect(element.get('v'), id).toBe(definition.version);
      for (const field of definition.textFields) expect(element.get(field), `${id}.${field}`).toBeInstanceOf(Y.Text);
    }
    for (const { id, z } of zOrder(doc)) expect(() => generateKeyBetween(z, null), `${id} z=${z}`).not.toThrow();
    expect(updatesDuring(doc, () => expect(migrateDoc(doc).applied).toEqual([]))).toBe(0);
  });

  it.each(cases)('%s (%s): keeps the board metadata', (name, locale) => {
    expect(readMeta(boardFrom(name, locale))).toMatchObject({ title: 'Warsztat', locale });
  });

  it('blank leaves the board empty', () => {
    expect(elementsOf(boardFrom('blank', 'pl')).size).toBe(0);
  });

  it('recognises template names without being fooled by Object.prototype', () => {
    for (const name of Object.keys(TEMPLATES)) expect(isTemplateName(name)).toBe(true);
    for (const name of ['', 'nope', 'toString', '__proto__', 'constructor', 'Blank']) expect(isTemplateName(name)).toBe(false);
  });
});

describe('the workshop template’s agenda', () => {
  it.each(LOCALES)('every phase says what to do, in the board’s language (%s), within the agenda’s limits', (locale) => {
    const doc = new Y.Doc();
    initBoard(doc, 'Warsztat', locale, 1);
    const extra = TEMPLATES.workshop!(doc, locale);
    const agenda = extra ? extra.agenda : [];
    expect(agenda).toHaveLength(7);
    for (const phase of agenda) {
      expect(phaseSchema.parse(phase)).toEqual(phase);
      expect(phase.instruction!.length).toBeGreaterThan(20);
    }
    const words = agenda.map((p) => p.instruction).join(' ');
    expect(/[ąęśćżźłó]/.test(words)).toBe(locale === 'pl');
  });
});
