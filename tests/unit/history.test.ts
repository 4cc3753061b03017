import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { restoreFrom, summarise } from '../../shared/history';
import { createElement, deleteElements, moveElements, renameBoard, updateElement } from '../../shared/ops';
import { elementsOf, readElements, readMeta } from '../../shared/schema';
import { boardWithEveryElement } from '../fixtures/every-element';
import { sync, updatesDuring } from './support';

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

const sorted = (doc: Y.Doc) => readElements(doc).elements.sort((a, b) => a.id.localeCompare(b.id));

describe('restoring a version', () => {
  it('makes the live board equal to the version in one transaction, and restoring the copy taken before undoes it', () => {
    const live = boardWithEveryElement();
    const version = copyOf(live);
    const peer = copyOf(live);

    deleteElements(live, ['stake-1', 'idea-1']);
    createElement(live, { type: 'note', id: 'later', text: 'dodana później' });
    updateElement(live, 'note-1', { text: 'zmieniona', color: '#86efac' });
    moveElements(live, ['text-1'], 40, 40);
    renameBoard(live, 'Nowy tytuł');
    // An element replaced by one of another type under the same id (a hand-made board).
    elementsOf(live).delete('rect-1');
    createElement(live, { type: 'ellipse', id: 'rect-1' });
    const before = copyOf(live);
    const changed = sorted(live);

    let report;
    expect(updatesDuring(live, () => (report = restoreFrom(live, version, 'server')))).toBe(1);
    expect(report).toEqual({ added: 3, removed: 1, updated: 2 });
    expect(sorted(live)).toEqual(sorted(version));
    expect(readMeta(live).title).toBe('Warsztat – Łódź');
    // Text stays collaborative.
    expect(elementsOf(live).get('note-1')!.get('text')).toBeInstanceOf(Y.Text);

    // A peer sees the same result as an ordinary update.
    sync(live, peer);
    expect(sorted(peer)).toEqual(sorted(version));

    // Undo: restore the state saved just before.
    restoreFrom(live, before, 'server');
    expect(sorted(live)).toEqual(changed);
    expect(readMeta(live).title).toBe('Nowy tytuł');
  });

  it('changes nothing when the board already matches', () => {
    const live = boardWithEveryElement();
    const version = copyOf(live);
    let report;
    expect(updatesDuring(live, () => (report = restoreFrom(live, version)))).toBe(0);
    expect(report).toEqual({ added: 0, removed: 0, updated: 0 });
  });

  it('keeps concurrent edits of others that arrive after the restore', () => {
    const live = boardWithEveryElement();
    const version = copyOf(live);
    const peer = copyOf(live);
    updateElement(live, 'note-1', { text: 'zmiana' });
    updateElement(peer, 'factor-1', { text: 'równolegle' });
    restoreFrom(live, version);
    sync(live, peer);
    expect(sorted(live)).toEqual(sorted(peer));
    expect(String(elementsOf(live).get('note-1')!.get('text'))).toBe('Zażółć gęślą jaźń\nDruga linia');
    expect(String(elementsOf(live).get('factor-1')!.get('text'))).toBe('równolegle');
  });
});

describe('version summary', () => {
  it('counts elements by type, per frame and outside frames', () => {
    const summary = summarise(readElements(boardWithEveryElement()).elements);
    expect(summary.total).toBe(12);
    expect(summary.counts).toMatchObject({ frame: 1, note: 1, idea: 1 });
    expect(summary.frames).toEqual([{ id: 'frame-1', title: 'Analiza SWOT – Żółć', method: 'swot', counts: { note: 1 } }]);
    expect(summary.outsideFrames).toBe(10);
  });

  it('counts frames nested in a frame (SWOT quadrants) as its content, listed top to bottom, left to right', () => {
    const doc = boardWithEveryElement();
    createElement(doc, { type: 'frame', id: 'quadrant', title: 'Mocne strony', parentId: 'frame-1', x: 0, y: 0 });
    createElement(doc, { type: 'note', id: 'in-quadrant', parentId: 'quadrant' });
    const summary = summarise(readElements(doc).elements);
    expect(summary.frames.map((f) => [f.id, f.counts])).toEqual([
      ['frame-1', { note: 1, frame: 1 }],
      ['quadrant', { note: 1 }],
    ]);
    expect(summary.outsideFrames).toBe(10);
  });
});
