import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  DOC_MIGRATIONS,
  ELEMENT_DEFINITIONS,
  ELEMENT_TYPES,
  MIGRATION_ORIGIN,
  SCHEMA_VERSION,
  SchemaTooNewError,
  elementsOf,
  metaOf,
  migrateDoc,
  readElements,
  readMeta,
  type ElementType,
} from '../../shared/schema';
import { createElement, initBoard } from '../../shared/ops';
import { elementMap, pushUpdates, sync, thrown, updatesDuring } from './support';

/** Every migration step seen by the tests above the coverage check. */
const stepsRun = new Set<string>();

function migrate(doc: Y.Doc) {
  const seen: string[] = [];
  const report = migrateDoc(doc, (name) => {
    seen.push(name);
    stepsRun.add(name);
  });
  expect(report.applied).toEqual(seen);
  return report;
}

const docStep = (m: { to: number; name: string }) => `doc:${m.to}:${m.name}`;
const elementStep = (type: string, m: { to: number; name: string }) => `${type}:${m.to}:${m.name}`;

/**
 * A board written by an outside Yjs client (or an early build): no meta.schemaVersion, and
 * elements set field by field with plain strings for text, most fields missing and no `v`.
 * Written in a separate doc and delivered as an update, as the sync server would receive it.
 */
function outsideClientBoard(write: (elements: Y.Map<Y.Map<unknown>>, meta: Y.Map<unknown>) => void): Y.Doc {
  const outside = new Y.Doc();
  outside.transact(() => write(outside.getMap('elements'), outside.getMap('meta')));
  const server = new Y.Doc();
  pushUpdates(outside, server);
  return server;
}

function legacyElement(elements: Y.Map<Y.Map<unknown>>, id: string, fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  elements.set(id, map);
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
  return map;
}

/** A minimal v0 element of `type`: position and, for each text field, a plain string. */
function legacyFields(type: ElementType): Record<string, unknown> {
  const fields: Record<string, unknown> = { type, x: 10, y: 20 };
  for (const field of ELEMENT_DEFINITIONS[type].textFields) fields[field] = `hello ${field}`;
  return fields;
}

const v0EveryType = () =>
  outsideClientBoard((elements) => {
    for (const type of ELEMENT_TYPES) legacyElement(elements, `old-${type}`, legacyFields(type));
  });

/**
 * Documents as older builds and outside clients write them. The coverage check migrates each
 * and fails if a declared migration never ran: when adding migration N, add a fixture at N-1.
 */
const FIXTURES: Record<string, () => Y.Doc> = {
  'v0 board, every type with text as plain strings': v0EveryType,
  ...Object.fromEntries(
    ELEMENT_TYPES.map((type) => [`v0 board, a ${type} with only its type`, () => outsideClientBoard((elements) => legacyElement(elements, 'e', { type }))]),
  ),
  'v0 board with metadata but no schemaVersion': () =>
    outsideClientBoard((elements, meta) => {
      meta.set('title', 'Retro');
      meta.set('locale', 'en');
      legacyElement(elements, 'n', { type: 'note', text: 'x' });
    }),
};

describe('migration registries', () => {
  it('document migrations are numbered 1..SCHEMA_VERSION in order, with unique names', () => {
    expect(DOC_MIGRATIONS.map((m) => m.to)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
    expect(new Set(DOC_MIGRATIONS.map((m) => m.name)).size).toBe(DOC_MIGRATIONS.length);
  });

  it.each(ELEMENT_TYPES)('%s: migrations are numbered 1..version in order, with unique names', (type) => {
    const { migrations, version } = ELEMENT_DEFINITIONS[type];
    expect(migrations.map((m) => m.to)).toEqual(Array.from({ length: version }, (_, i) => i + 1));
    expect(new Set(migrations.map((m) => m.name)).size).toBe(migrations.length);
  });
});

describe('migrateDoc on v0 fixtures', () => {
  it('brings an unversioned board with every element type up to date', () => {
    const doc = v0EveryType();
    const report = migrate(doc);
    expect(report.fromVersion).toBe(0);
    expect(report.toVersion).toBe(SCHEMA_VERSION);
    expect(report.elementsMigrated).toBe(ELEMENT_TYPES.length);
    expect(report.unknownTypes).toEqual([]);
    expect(readMeta(doc).schemaVersion).toBe(SCHEMA_VERSION);

    const { elements, invalid } = readElements(doc);
    expect(invalid).toEqual([]);
    expect(elements).toHaveLength(ELEMENT_TYPES.length);
    for (const type of ELEMENT_TYPES) {
      const map = elementMap(doc, `old-${type}`);
      const definition = ELEMENT_DEFINITIONS[type];
      expect(map.get('v')).toBe(definition.version);
      expect(map.get('id')).toBe(`old-${type}`);
      expect(map.get('x')).toBe(10);
      expect(map.get('y')).toBe(20);
      for (const field of definition.textFields) {
        expect(map.get(field), `${type}.${field}`).toBeInstanceOf(Y.Text);
        expect(String(map.get(field))).toBe(`hello ${field}`);
      }
      for (const [key, value] of Object.entries(definition.defaults)) {
        if (!(definition.textFields as readonly string[]).includes(key)) expect(map.get(key), `${type}.${key}`).toEqual(value);
      }
    }
  });

  it.each(ELEMENT_TYPES)('%s: runs every step of the type, in order, for an element with only a type', (type) => {
    const doc = outsideClientBoard((elements) => legacyElement(elements, 'e', { type }));
    const report = migrate(doc);
    const expected = [
      ...DOC_MIGRATIONS.map(docStep),
      ...ELEMENT_DEFINITIONS[type].migrations.map((m) => elementStep(type, m)),
    ];
    expect(report.applied).toEqual(expected);
    expect(readElements(doc).invalid).toEqual([]);
    for (const field of ELEMENT_DEFINITIONS[type].textFields) expect(elementMap(doc, 'e').get(field)).toBeInstanceOf(Y.Text);
  });

  it('fills the board metadata of an unversioned document, keeping what is valid', () => {
    const before = Date.now();
    const empty = outsideClientBoard(() => {});
    migrate(empty);
    const meta = readMeta(empty);
    expect(meta).toMatchObject({ title: 'Tablica', locale: 'pl', schemaVersion: SCHEMA_VERSION });
    expect(meta.createdAt).toBeGreaterThanOrEqual(before);

    const kept = outsideClientBoard((_, m) => {
      m.set('title', 'Retro Q3');
      m.set('locale', 'en');
      m.set('createdAt', 42);
    });
    migrate(kept);
    expect(readMeta(kept)).toEqual({ title: 'Retro Q3', locale: 'en', schemaVersion: SCHEMA_VERSION, createdAt: 42 });

    const bad = outsideClientBoard((_, m) => {
      m.set('title', '  ');
      m.set('locale', 'de');
      m.set('createdAt', 'today');
    });
    migrate(bad);
    expect(readMeta(bad)).toMatchObject({ title: 'Tablica', locale: 'pl', schemaVersion: SCHEMA_VERSION });
    expect(typeof metaOf(bad).get('createdAt')).toBe('number');
  });

  it('handles what outside clients get wrong: a stale id, Y.Text already there, a non-string text', () => {
    const doc = outsideClientBoard((elements) => {
      legacyElement(elements, 'key-1', { type: 'note', id: 'something-else', text: 'a' });
      legacyElement(elements, 'key-2', { type: 'text', text: new Y.Text('typed') });
      legacyElement(elements, 'key-3', { type: 'frame', title: 7 });
      legacyElement(elements, 'key-4', { type: 'rect', v: 'one', fill: '#000000' });
    });
    const report = migrate(doc);
    expect(report.elementsMigrated).toBe(4);
    expect(readElements(doc).invalid).toEqual([]);
    expect(elementMap(doc, 'key-1').get('id')).toBe('key-1');
    expect(String(elementMap(doc, 'key-2').get('text'))).toBe('typed');
    expect(elementMap(doc, 'key-3').get('title')).toBeInstanceOf(Y.Text);
    expect(elementMap(doc, 'key-4').get('fill')).toBe('#000000');
    expect(elementMap(doc, 'key-4').get('v')).toBe(ELEMENT_DEFINITIONS.rect.version);
  });

  it('migrates v0 elements added by an outside client to a board that is already current', () => {
    const doc = new Y.Doc();
    initBoard(doc, 'Board', 'pl', 1);
    const current = createElement(doc, { type: 'note', text: 'mine' });
    const outside = new Y.Doc();
    pushUpdates(doc, outside);
    legacyElement(outside.getMap('elements'), 'theirs', { type: 'note', text: 'theirs', x: 1, y: 2 });
    pushUpdates(outside, doc);

    const report = migrate(doc);
    expect(report.fromVersion).toBe(SCHEMA_VERSION);
    expect(report.applied).toEqual(ELEMENT_DEFINITIONS.note.migrations.map((m) => elementStep('note', m)));
    expect(report.elementsMigrated).toBe(1);
    expect(readElements(doc).invalid).toEqual([]);
    expect(String(elementMap(doc, current).get('text'))).toBe('mine');
    expect(String(elementMap(doc, 'theirs').get('text'))).toBe('theirs');
  });

  it('is a no-op the second time', () => {
    const doc = v0EveryType();
    migrate(doc);
    const state = Y.encodeStateVector(doc);
    let report: ReturnType<typeof migrateDoc> | undefined;
    expect(updatesDuring(doc, () => (report = migrate(doc)))).toBe(0);
    expect(report).toMatchObject({ fromVersion: SCHEMA_VERSION, toVersion: SCHEMA_VERSION, applied: [], elementsMigrated: 0 });
    expect(Y.encodeStateVector(doc)).toEqual(state);
  });

  it('does nothing to a board created by this build', () => {
    const doc = new Y.Doc();
    initBoard(doc, 'New', 'en');
    for (const type of ELEMENT_TYPES) createElement(doc, { type });
    let report: ReturnType<typeof migrateDoc> | undefined;
    expect(updatesDuring(doc, () => (report = migrate(doc)))).toBe(0);
    expect(report).toMatchObject({ applied: [], elementsMigrated: 0, unknownTypes: [] });
  });

  it('runs in one transaction with the migration origin', () => {
    const doc = v0EveryType();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    migrate(doc);
    expect(origins).toEqual([MIGRATION_ORIGIN]);
  });

  it('refuses a board from a newer build with SchemaTooNewError and leaves it untouched', () => {
    const doc = outsideClientBoard((elements, meta) => {
      meta.set('schemaVersion', SCHEMA_VERSION + 1);
      legacyElement(elements, 'e', { type: 'note', text: 'future' });
    });
    let error: unknown;
    expect(updatesDuring(doc, () => (error = thrown(() => migrate(doc))))).toBe(0);
    expect(error).toBeInstanceOf(SchemaTooNewError);
    expect((error as SchemaTooNewError).found).toBe(SCHEMA_VERSION + 1);
    expect((error as Error).message).toContain(String(SCHEMA_VERSION + 1));
    expect(elementMap(doc, 'e').get('text')).toBe('future');
  });

  it('leaves elements of unknown types alone and reports them', () => {
    const doc = outsideClientBoard((elements) => {
      legacyElement(elements, 'sticker', { type: 'sticker', x: 'left', text: 'hi' });
      legacyElement(elements, 'typeless', { x: 1 });
      legacyElement(elements, 'note', { type: 'note' });
    });
    const before = {
      sticker: elementMap(doc, 'sticker').toJSON(),
      typeless: elementMap(doc, 'typeless').toJSON(),
    };
    const report = migrate(doc);
    expect(report.unknownTypes.sort()).toEqual(['sticker', 'undefined']);
    expect(report.elementsMigrated).toBe(1);
    expect(elementMap(doc, 'sticker').toJSON()).toEqual(before.sticker);
    expect(elementMap(doc, 'typeless').toJSON()).toEqual(before.typeless);
    expect(elementMap(doc, 'sticker').get('text')).toBe('hi');
    const { elements, invalid } = readElements(doc);
    expect(elements.map((e) => e.id)).toEqual(['note']);
    expect(invalid.map((i) => i.id).sort()).toEqual(['sticker', 'typeless']);
  });

  it('leaves a non-map entry alone (readElements reports it)', () => {
    const doc = outsideClientBoard((elements) => {
      (elements as Y.Map<unknown>).set('junk', { type: 'note' });
    });
    const report = migrate(doc);
    expect(report.elementsMigrated).toBe(0);
    expect(readElements(doc).invalid).toEqual([{ id: 'junk', reason: 'not a map' }]);
  });

  it('a migrated board syncs to a peer with text as Y.Text', () => {
    const doc = v0EveryType();
    migrate(doc);
    const peer = new Y.Doc();
    pushUpdates(doc, peer);
    expect(readElements(peer).invalid).toEqual([]);
    expect(elementsOf(peer).get('old-note')?.get('text')).toBeInstanceOf(Y.Text);
  });

  it('two peers migrating the same v0 board at once converge without duplicating text', () => {
    const a = v0EveryType();
    const b = new Y.Doc();
    pushUpdates(a, b);
    migrate(a);
    migrate(b);
    sync(a, b);
    expect(elementsOf(a).toJSON()).toEqual(elementsOf(b).toJSON());
    expect(metaOf(a).toJSON()).toEqual(metaOf(b).toJSON());
    expect(readElements(a).invalid).toEqual([]);
    for (const type of ELEMENT_TYPES) {
      for (const field of ELEMENT_DEFINITIONS[type].textFields) expect(String(elementMap(a, `old-${type}`).get(field))).toBe(`hello ${field}`);
    }
  });
});

describe('migration coverage', () => {
  it('every migration declared in DOC_MIGRATIONS or ELEMENT_DEFINITIONS ran over the fixtures', () => {
    const ran = new Set<string>();
    for (const [name, make] of Object.entries(FIXTURES)) {
      const report = migrateDoc(make(), (step) => ran.add(step));
      expect(report.applied.length, `fixture ${name} migrated nothing`).toBeGreaterThan(0);
    }
    const declared = [
      ...DOC_MIGRATIONS.map(docStep),
      ...ELEMENT_TYPES.flatMap((type) => ELEMENT_DEFINITIONS[type].migrations.map((m) => elementStep(type, m))),
    ];
    expect(declared.length).toBeGreaterThan(0);
    const missing = declared.filter((step) => !ran.has(step));
    expect(missing, `migrations no fixture exercises (add a fixture at the version before each):\n  ${missing.join('\n  ')}`).toEqual([]);
  });

  it('the steps recorded in the coverage check are all declared ones', () => {
    const declared = new Set([
      ...DOC_MIGRATIONS.map(docStep),
      ...ELEMENT_TYPES.flatMap((type) => ELEMENT_DEFINITIONS[type].migrations.map((m) => elementStep(type, m))),
    ]);
    for (const step of stepsRun) expect(declared.has(step), step).toBe(true);
    expect(stepsRun.size).toBeGreaterThan(0);
  });
});
