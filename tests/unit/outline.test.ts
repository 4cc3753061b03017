import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createElement, createElements, putIntoFrame } from '../../shared/ops';
import { initBoard } from '../../shared/ops/board';
import { readElements } from '../../shared/schema';
import { buildOutline, type OutlineItem } from '../../shared/methods/outline';
import { addTreeNode, createTreeCore } from '../../shared/methods/tree-ops';

/** The outline as nested [words, children] for compact comparison. */
function shape(items: OutlineItem[]): unknown[] {
  return items.map((i) => {
    const e = i.element;
    const words = e.type === 'frame' ? e.title : 'text' in e ? e.text : e.type;
    return i.children.length ? [words, shape(i.children)] : words;
  });
}

describe('board outline', () => {
  it('lists frames with their elements in reading order, nested frames nested, trees by their links, lines left out', () => {
    const doc = new Y.Doc();
    initBoard(doc, 'T', 'pl', 1);
    const outer = createElement(doc, { type: 'frame', title: 'SWOT', x: 0, y: 0, w: 1000, h: 1000 });
    const inner = createElement(doc, { type: 'frame', title: 'Mocne strony', x: 20, y: 20, w: 400, h: 400 });
    putIntoFrame(doc, [inner], outer);
    const notes = createElements(doc, [
      { type: 'note', text: 'Druga', x: 250, y: 40 },
      { type: 'note', text: 'Pierwsza', x: 30, y: 60 },
      { type: 'note', text: 'Trzecia', x: 30, y: 300 },
    ]);
    putIntoFrame(doc, notes, inner);
    createElement(doc, { type: 'connector', from: notes[0], to: notes[1] });
    const treeFrame = createElement(doc, { type: 'frame', method: 'problemTree', title: 'Drzewo', x: 0, y: 1200, w: 1400, h: 1000 });
    const core = createTreeCore(doc, treeFrame, 'problem', 'Problem', { x: 600, y: 1600 });
    addTreeNode(doc, core, 'child', {}, 'Przyczyna');
    addTreeNode(doc, core, 'effect', {}, 'Skutek');
    createElement(doc, { type: 'note', text: 'Luźna', x: -500, y: 0 });

    expect(shape(buildOutline(readElements(doc).elements))).toEqual([
      'Luźna',
      ['SWOT', [['Mocne strony', ['Pierwsza', 'Druga', 'Trzecia']]]],
      ['Drzewo', [['Problem', ['Skutek', 'Przyczyna']]]],
    ]);
  });

  it('survives frames that hold each other (a merge of concurrent edits)', () => {
    const doc = new Y.Doc();
    initBoard(doc, 'T', 'pl', 1);
    const [a, b] = createElements(doc, [
      { type: 'frame', title: 'A', x: 0, y: 0 },
      { type: 'frame', title: 'B', x: 10, y: 10 },
    ]);
    const elements = readElements(doc).elements.map((e) => (e.id === a ? { ...e, parentId: b! } : e.id === b ? { ...e, parentId: a! } : e));
    const outline = buildOutline(elements);
    const ids = JSON.stringify(shape(outline));
    expect(outline).toHaveLength(1);
    expect(ids).toContain('A');
    expect(ids).toContain('B');
  });
});
