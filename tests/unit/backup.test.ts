import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BACKUP_FORMAT, BACKUP_LIMITS, BackupError, backupToDoc, boardToBackup } from '../../shared/backup';
import { createElement, updateElement } from '../../shared/ops';
import { initialControlState } from '../../shared/protocol/state';
import { ELEMENT_TYPES, elementsOf, readElements, readMeta, SCHEMA_VERSION } from '../../shared/schema';
import { boardWithEveryElement, EVERY_ELEMENT } from '../fixtures/every-element';
import { thrown } from './support';

const NOW = new Date('2026-11-22T10:00:00Z');

function roundTrip(json: unknown) {
  // Through text, as a file would travel.
  return backupToDoc(JSON.parse(JSON.stringify(json)));
}

function errorOf(json: unknown): string {
  const error = thrown(() => backupToDoc(json));
  expect(error).toBeInstanceOf(BackupError);
  return (error as Error).message;
}

function validBackup() {
  return JSON.parse(JSON.stringify(boardToBackup(boardWithEveryElement(), { now: NOW }))) as Record<string, unknown> & { elements: Record<string, unknown>[] };
}

describe('board backup (JSON)', () => {
  it('export → import → export gives the same content, for every element type and Polish text', () => {
    const doc = boardWithEveryElement();
    const control = {
      ...initialControlState(),
      agenda: [{ id: 'p1', title: 'Mapowanie interesariuszy', frameId: 'frame-1', minutes: 20 }],
      rounds: [
        { id: 'r1', title: 'Głosowanie – priorytety', frameId: 'frame-1', itemIds: null, votesPerPerson: 3, open: false, openedAt: 1, closedAt: 2, results: { 'note-1': 4 }, voters: 2 },
        { id: 'r2', title: 'otwarta', frameId: null, itemIds: ['note-1'], votesPerPerson: 1, open: true, openedAt: 3, closedAt: null, results: null, voters: null },
      ],
    };
    const first = boardToBackup(doc, { control, now: NOW });
    expect(first.format).toBe(BACKUP_FORMAT);
    expect(first.version).toBe(SCHEMA_VERSION);
    expect(new Set(first.elements.map((e) => e.type))).toEqual(new Set(ELEMENT_TYPES));
    expect(first.facilitation.rounds.map((r) => r.id)).toEqual(['r1']);

    const imported = roundTrip(first);
    const second = boardToBackup(imported.doc, { control: { ...initialControlState(), ...imported.facilitation }, now: NOW });
    expect(second).toEqual(first);
    expect(readElements(imported.doc).invalid).toEqual([]);
    // Text fields come back collaborative (Y.Text), with the Polish text intact.
    const note = elementsOf(imported.doc).get('note-1')!;
    expect(note.get('text')).toBeInstanceOf(Y.Text);
    expect(String(note.get('text'))).toBe('Zażółć gęślą jaźń\nDruga linia');
    expect(readMeta(imported.doc)).toMatchObject({ title: 'Warsztat – Łódź', locale: 'pl', schemaVersion: SCHEMA_VERSION, createdAt: 1_690_000_000_000 });
  });

  it('keeps every field of every element exactly (compared with the original, not only the second export)', () => {
    const doc = boardWithEveryElement();
    updateElement(doc, 'note-1', { text: 'zmieniona ✓ ąę' });
    const original = readElements(doc).elements;
    const imported = roundTrip(boardToBackup(doc));
    const back = readElements(imported.doc).elements;
    expect(back.sort((a, b) => a.id.localeCompare(b.id))).toEqual(original.sort((a, b) => a.id.localeCompare(b.id)));
    for (const type of ELEMENT_TYPES) {
      const fields = EVERY_ELEMENT[type];
      const element = back.find((e) => e.id === fields.id)!;
      for (const [key, value] of Object.entries(fields)) if (key !== 'text' || type !== 'note') expect((element as Record<string, unknown>)[key], `${type}.${key}`).toEqual(value);
    }
  });

  it('names the field at fault', () => {
    const wrongColour = validBackup();
    wrongColour.elements[1] = { ...wrongColour.elements[1], color: 'red' };
    expect(errorOf(wrongColour)).toMatch(/^elements\[1\]\.color: /);

    const noTitle = validBackup();
    noTitle.meta = { locale: 'pl' };
    expect(errorOf(noTitle)).toMatch(/^meta\.title: /);

    const unknownType = validBackup();
    unknownType.elements[0] = { ...unknownType.elements[0], type: 'hologram' };
    expect(errorOf(unknownType)).toBe('elements[0].type: unknown element type "hologram"');

    const duplicate = validBackup();
    duplicate.elements.push({ ...duplicate.elements[0]! });
    expect(errorOf(duplicate)).toMatch(/^elements\[12\]\.id: duplicate id/);

    const tooLong = validBackup();
    const index = tooLong.elements.findIndex((e) => e.type === 'note');
    tooLong.elements[index] = { ...tooLong.elements[index], text: 'x'.repeat(10_001) };
    expect(errorOf(tooLong)).toMatch(new RegExp(`^elements\\[${index}\\]\\.text: `));

    expect(errorOf({ ...validBackup(), format: 'excalidraw' })).toMatch(/^format: /);
    expect(errorOf({ ...validBackup(), elements: 'none' })).toBe('elements: expected an array');
    expect(errorOf([1, 2])).toBe('backup: expected a JSON object');
    expect(errorOf({ ...validBackup(), facilitation: { agenda: [{ id: 'p' }], rounds: [] } })).toMatch(/^facilitation\.agenda\[0\]\.title: /);
  });

  it('refuses a backup from a newer Warsztat, and a newer element version', () => {
    expect(errorOf({ ...validBackup(), version: SCHEMA_VERSION + 1 })).toMatch(/^version: backup version \d+ is newer than this server's/);
    const newerNote = validBackup();
    newerNote.elements[1] = { ...newerNote.elements[1], v: 99 };
    expect(errorOf(newerNote)).toMatch(/^elements\[1\]\.v: \w+ version 99 is newer/);
  });

  it('migrates an older backup: version 0, elements without versions, text as strings, frames without a method', () => {
    const old = {
      format: BACKUP_FORMAT,
      version: 0,
      meta: { title: 'Stara tablica', locale: 'pl' },
      elements: [
        { id: 'f', type: 'frame', v: 1, x: 0, y: 0, w: 500, h: 400, rotation: 0, z: 'a0', parentId: null, createdBy: 'Ola', title: 'Ramka', fill: '#ffffff' },
        { id: 'n', type: 'note', x: 20, y: 30, text: 'Notatka bez wersji', parentId: 'f' },
      ],
    };
    const imported = roundTrip(old);
    expect(imported.migration.fromVersion).toBe(0);
    expect(imported.migration.applied).toEqual(expect.arrayContaining([expect.stringMatching(/^doc:1:/), expect.stringMatching(/^frame:2:/), expect.stringMatching(/^note:1:/)]));
    const { elements, invalid } = readElements(imported.doc);
    expect(invalid).toEqual([]);
    expect(elements.find((e) => e.id === 'f')).toMatchObject({ type: 'frame', v: 2, method: null, title: 'Ramka' });
    expect(elements.find((e) => e.id === 'n')).toMatchObject({ type: 'note', v: 1, text: 'Notatka bez wersji', parentId: 'f', color: '#fde68a', w: 200 });
    expect(boardToBackup(imported.doc).version).toBe(SCHEMA_VERSION);
  });

  it('refuses hostile input cleanly: prototype keys, deep nesting, huge arrays', () => {
    const proto = validBackup();
    proto.elements[0] = JSON.parse(`{"id":"x","type":"note","__proto__":{"polluted":true}}`) as Record<string, unknown>;
    expect(errorOf(proto)).toBe('elements[0]: key __proto__ is not allowed');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const nested = validBackup();
    nested.elements[0] = { ...nested.elements[0], points: deep };
    expect(errorOf(nested)).toMatch(/^elements\[0\]\.points(\[0\])+: nested deeper than 32 levels$/);
    // Within the bound of the whole backup, an element field may still nest only a little.
    const fieldDeep = validBackup();
    fieldDeep.elements[0] = { ...fieldDeep.elements[0], points: [[[[[1]]]]] };
    expect(errorOf(fieldDeep)).toMatch(/^elements\[0\]\.points(\[0\])+: nested too deeply$/);

    const hugeField = validBackup();
    hugeField.elements[0] = { ...hugeField.elements[0], points: new Array(BACKUP_LIMITS.maxFieldEntries + 1).fill(0) };
    expect(errorOf(hugeField)).toBe('elements[0].points: too many entries');

    const tooMany = { ...validBackup(), elements: new Array(BACKUP_LIMITS.maxElements + 1).fill({}) };
    expect(errorOf(tooMany)).toMatch(/^elements: more than/);
  });

  it('leaves out elements that fail validation on the live board, and says so', () => {
    const doc = boardWithEveryElement();
    createElement(doc, { type: 'note', id: 'bad' });
    elementsOf(doc).get('bad')!.set('color', 'not a colour');
    const backup = boardToBackup(doc);
    expect(backup.elements.some((e) => e.id === 'bad')).toBe(false);
    expect(backup.skipped).toEqual([{ id: 'bad', reason: expect.stringContaining('color') }]);
    expect(readElements(roundTrip(backup).doc).elements).toHaveLength(ELEMENT_TYPES.length);
  });
});
