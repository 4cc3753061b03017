import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  ELEMENT_DEFINITIONS,
  ELEMENT_TYPES,
  LIMITS,
  byZOrder,
  elementSchema,
  elementsOf,
  isElementType,
  metaOf,
  parseElement,
  readElements,
  readMeta,
  textFieldLimit,
  toPlain,
  type ElementType,
} from '../../shared/schema';
import { OpError, buildElement, createElement, toElementMap } from '../../shared/ops';
import { elementMap, thrown } from './support';

const HEX = /^#[0-9a-fA-F]{6}$/;

/** A valid element of `type` in plain form, built from the type's defaults. */
function validPlain(type: ElementType): Record<string, unknown> {
  return buildElement({ type, id: `${type}-1` }, 'a0');
}

/** Fields of a type whose default is a colour / a point list: derived, so new types are covered. */
function colourFields(type: ElementType): string[] {
  return Object.entries(ELEMENT_DEFINITIONS[type].defaults)
    .filter(([, value]) => typeof value === 'string' && HEX.test(value))
    .map(([key]) => key);
}
/** Fields holding flat x,y coordinate lists (strokes and connectors), as opposed to lists of records. */
const POINT_FIELDS = new Set(['points']);
function pointFields(type: ElementType): string[] {
  return Object.entries(ELEMENT_DEFINITIONS[type].defaults)
    .filter(([key, value]) => Array.isArray(value) && POINT_FIELDS.has(key))
    .map(([key]) => key);
}
/** Types whose element has a colour; the invalid-colour cases run over each of these. */
const COLOURED_TYPES = ELEMENT_TYPES.filter((type) => colourFields(type).length > 0);

/** Every (type, field, bad value) the validators must refuse. */
const invalidCases: [ElementType, string, string, unknown][] = ELEMENT_TYPES.flatMap((type) => {
  const cases: [ElementType, string, string, unknown][] = [
    [type, 'x', 'NaN', Number.NaN],
    [type, 'y', 'Infinity', Number.POSITIVE_INFINITY],
    [type, 'x', '-Infinity', Number.NEGATIVE_INFINITY],
    [type, 'y', 'beyond maxCoordinate', LIMITS.maxCoordinate + 1],
    [type, 'w', 'negative', -1],
    [type, 'h', 'NaN', Number.NaN],
    [type, 'rotation', 'NaN', Number.NaN],
    [type, 'x', 'a string', '10'],
    [type, 'z', 'empty', ''],
    [type, 'id', 'empty', ''],
    [type, 'id', 'too long', 'i'.repeat(LIMITS.maxIdLength + 1)],
    [type, 'parentId', 'a number', 5],
  ];
  for (const field of ELEMENT_DEFINITIONS[type].textFields) {
    cases.push([type, field, 'longer than maxTextLength', 'x'.repeat(LIMITS.maxTextLength + 1)]);
    cases.push([type, field, 'not a string', 42]);
  }
  for (const field of colourFields(type)) {
    cases.push([type, field, 'a colour name', 'red']);
    cases.push([type, field, 'short hex', '#fff']);
    cases.push([type, field, 'not hex', '#gggggg']);
  }
  for (const field of pointFields(type)) {
    cases.push([type, field, 'an odd number of coordinates', [0, 0, 10]]);
    cases.push([type, field, 'a NaN coordinate', [0, Number.NaN]]);
    cases.push([type, field, 'more than maxPoints pairs', new Array((LIMITS.maxPoints + 1) * 2).fill(1)]);
  }
  return cases;
});

describe('element registry', () => {
  it('has a definition, a schema branch and a current version for every type', () => {
    expect(ELEMENT_TYPES.length).toBeGreaterThan(0);
    expect(elementSchema.options.map((o) => o.shape.type.value).sort()).toEqual([...ELEMENT_TYPES].sort());
    for (const type of ELEMENT_TYPES) {
      const definition = ELEMENT_DEFINITIONS[type];
      expect(definition.type).toBe(type);
      expect(definition.version).toBeGreaterThanOrEqual(1);
    }
  });

  it.each(ELEMENT_TYPES)('%s: declares only real schema fields as text fields and defaults', (type) => {
    const { schema, textFields, defaults } = ELEMENT_DEFINITIONS[type];
    for (const field of [...textFields, ...Object.keys(defaults)]) expect(Object.keys(schema.shape)).toContain(field);
  });

  it('the invalid-colour cases exercise every drawn element type with a colour', () => {
    // Method cards (factor, tree node, idea) are coloured by their kind, not by a field.
    expect(COLOURED_TYPES).toEqual(expect.arrayContaining(['note', 'text', 'rect', 'ellipse', 'connector', 'stroke', 'frame', 'stakeholder', 'strategy']));
  });

  it('recognises element types without being fooled by Object.prototype', () => {
    for (const type of ELEMENT_TYPES) expect(isElementType(type)).toBe(true);
    for (const value of ['toString', '__proto__', 'constructor', 'Note', '', 1, null, undefined]) expect(isElementType(value)).toBe(false);
  });
});

describe('defaults', () => {
  it.each(ELEMENT_TYPES)('%s: an element built from defaults alone validates', (type) => {
    const plain = buildElement({ type }, 'a0');
    expect(elementSchema.safeParse(plain).success).toBe(true);
    expect(plain).toMatchObject({ type, v: ELEMENT_DEFINITIONS[type].version, z: 'a0', parentId: null, x: 0, y: 0, rotation: 0 });
    expect(typeof plain.id).toBe('string');
    expect(plain.id).not.toBe('');
  });

  it.each(ELEMENT_TYPES)('%s: the type defaults are applied and explicit fields win', (type) => {
    const plain = buildElement({ type, x: 12.5, y: -7 }, 'a5', 'Ala');
    expect(plain).toMatchObject({ ...ELEMENT_DEFINITIONS[type].defaults, x: 12.5, y: -7, z: 'a5', createdBy: 'Ala' });
  });

  it.each(ELEMENT_TYPES)('%s: accepts the boundary values', (type) => {
    const boundary: Record<string, unknown> = { x: LIMITS.maxCoordinate, y: -LIMITS.maxCoordinate, rotation: -360, id: 'i'.repeat(LIMITS.maxIdLength) };
    for (const field of ELEMENT_DEFINITIONS[type].textFields) boundary[field] = 't'.repeat(textFieldLimit(type, field));
    for (const field of pointFields(type)) boundary[field] = new Array(LIMITS.maxPoints * 2).fill(1);
    expect(() => buildElement({ type, ...boundary }, 'a0')).not.toThrow();
  });

  it('does not let the caller choose the version', () => {
    expect(buildElement({ type: 'note', v: 99 }, 'a0').v).toBe(ELEMENT_DEFINITIONS.note.version);
  });
});

describe('invalid fields are refused', () => {
  it('has cases for every type', () => {
    expect(new Set(invalidCases.map(([type]) => type))).toEqual(new Set(ELEMENT_TYPES));
    expect(invalidCases.some(([, field]) => field === 'points')).toBe(true);
  });

  it.each(invalidCases)('%s.%s (%s): elementSchema refuses it, naming the field', (type, field, _label, value) => {
    const result = elementSchema.safeParse({ ...validPlain(type), [field]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe(field);
  });

  it.each(invalidCases)('%s.%s (%s): buildElement throws an OpError naming the field', (type, field, _label, value) => {
    const error = thrown(() => buildElement({ type, [field]: value }, 'a0'));
    expect(error).toBeInstanceOf(OpError);
    expect((error as OpError).message).toMatch(new RegExp(`^${field}[.:]`));
  });

  it('refuses a frame title longer than the title limit', () => {
    expect(LIMITS.maxTitleLength).toBeLessThan(LIMITS.maxTextLength);
    const error = thrown(() => buildElement({ type: 'frame', title: 't'.repeat(LIMITS.maxTitleLength + 1) }, 'a0'));
    expect(error).toBeInstanceOf(OpError);
    expect((error as OpError).message).toMatch(/^title: /);
  });

  it.each(['sticker', '', 'toString'])('unknown type %j: elementSchema refuses it at `type`, buildElement with an OpError', (type) => {
    const result = elementSchema.safeParse({ ...validPlain('note'), type });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['type']);
    const error = thrown(() => buildElement({ type } as never, 'a0'));
    expect(error).toBeInstanceOf(OpError);
    expect((error as OpError).message).toMatch(/type/);
  });

  it.each(ELEMENT_TYPES)('%s: a missing required field is refused', (type) => {
    for (const field of Object.keys(ELEMENT_DEFINITIONS[type].defaults)) {
      const plain = validPlain(type);
      delete plain[field];
      const result = elementSchema.safeParse(plain);
      expect(result.success, `${type} without ${field}`).toBe(false);
      expect(result.error?.issues[0]?.path[0]).toBe(field);
    }
  });
});

describe('toPlain / toElementMap / parseElement', () => {
  it.each(ELEMENT_TYPES)('%s: round-trips through a Y.Map with text fields as Y.Text', (type) => {
    const plain = buildElement({ type, id: 'e' }, 'a0');
    const doc = new Y.Doc();
    elementsOf(doc).set('e', toElementMap(plain));
    const map = elementMap(doc, 'e');
    for (const field of ELEMENT_DEFINITIONS[type].textFields) expect(map.get(field)).toBeInstanceOf(Y.Text);
    expect(toPlain(map)).toEqual(plain);
    expect(parseElement(map)).toEqual({ ok: true, element: plain });
  });

  it('reads nested Y types as JSON', () => {
    const doc = new Y.Doc();
    const map = new Y.Map<unknown>();
    elementsOf(doc).set('e', map);
    const points = new Y.Array<number>();
    points.push([1, 2]);
    map.set('points', points);
    map.set('text', new Y.Text('hi'));
    expect(toPlain(map)).toEqual({ points: [1, 2], text: 'hi' });
  });

  it('refuses something that is not a map', () => {
    expect(parseElement({ type: 'note' })).toEqual({ ok: false, reason: 'not a map' });
  });
});

describe('readElements', () => {
  it('reports one invalid element and still loads the rest', () => {
    const doc = new Y.Doc();
    const ids = ELEMENT_TYPES.map((type) => createElement(doc, { type }));
    elementMap(doc, ids[1]!).set('x', Number.NaN);
    const { elements, invalid } = readElements(doc);
    expect(invalid).toEqual([{ id: ids[1], reason: expect.stringMatching(/^x: /) }]);
    expect(elements.map((e) => e.id).sort()).toEqual(ids.filter((_, i) => i !== 1).sort());
  });

  it('reports a value that is not a map, an unknown type and a missing field, each with its id', () => {
    const doc = new Y.Doc();
    const good = createElement(doc, { type: 'note' });
    const elements = elementsOf(doc) as Y.Map<unknown>;
    elements.set('plain', { type: 'note' });
    const unknown = new Y.Map<unknown>();
    elements.set('unknown', unknown);
    unknown.set('type', 'sticker');
    const partial = toElementMap(buildElement({ type: 'rect', id: 'partial' }, 'a0'));
    elements.set('partial', partial);
    partial.delete('fill');
    const result = readElements(doc);
    expect(result.elements.map((e) => e.id)).toEqual([good]);
    expect(Object.fromEntries(result.invalid.map((i) => [i.id, i.reason]))).toEqual({
      plain: 'not a map',
      unknown: expect.stringMatching(/^type: /),
      partial: expect.stringMatching(/^fill: /),
    });
  });

  it('returns nothing for an empty board', () => {
    expect(readElements(new Y.Doc())).toEqual({ elements: [], invalid: [] });
  });
});

describe('byZOrder', () => {
  it('orders by fractional index, ties by id', () => {
    const items = [
      { z: 'a1', id: 'b' },
      { z: 'a0', id: 'z' },
      { z: 'a1', id: 'a' },
      { z: 'Zz', id: 'm' },
    ];
    expect([...items].sort(byZOrder).map((e) => `${e.z}/${e.id}`)).toEqual(['Zz/m', 'a0/z', 'a1/a', 'a1/b']);
    expect(byZOrder({ z: 'a0', id: 'x' }, { z: 'a0', id: 'x' })).toBe(0);
  });
});

describe('readMeta', () => {
  it('fills anything missing or malformed', () => {
    const doc = new Y.Doc();
    expect(readMeta(doc)).toEqual({ title: '', locale: 'pl', schemaVersion: 0, createdAt: 0 });
    const meta = metaOf(doc);
    meta.set('title', '   ');
    meta.set('locale', 'de');
    meta.set('schemaVersion', '1');
    meta.set('createdAt', 'yesterday');
    expect(readMeta(doc)).toEqual({ title: '', locale: 'pl', schemaVersion: 0, createdAt: 0 });
  });

  it('reads what is there', () => {
    const doc = new Y.Doc();
    const meta = metaOf(doc);
    meta.set('title', 'Retro');
    meta.set('locale', 'en');
    meta.set('schemaVersion', 1);
    meta.set('createdAt', 1234);
    expect(readMeta(doc)).toEqual({ title: 'Retro', locale: 'en', schemaVersion: 1, createdAt: 1234 });
  });
});
