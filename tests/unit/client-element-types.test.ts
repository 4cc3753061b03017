import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ELEMENT_DEFINITIONS, ELEMENT_TYPES, type Element, type ElementType } from '../../shared/schema/elements';
import { ELEMENT_UTILS, isHidden, paintOverview, textEditingOf, typeOwnsTab } from '../../client/src/element-types/registry';
import { Editor } from '../../client/src/editor/editor';

/** A plain element of a type, from its defaults. */
function sample(type: ElementType): Element {
  return { ...ELEMENT_DEFINITIONS[type].defaults, id: `e-${type}`, v: 1, x: 10, y: 20, w: 100, h: 60, rotation: 0, z: 'a0', parentId: null, createdBy: '', type, ...(type === 'stroke' || type === 'connector' ? { points: [0, 0, 10, 10] } : {}) } as unknown as Element;
}

/** A 2D context that records the names of what was called on it. */
function recordingContext(): { ctx: CanvasRenderingContext2D; calls: string[] } {
  const calls: string[] = [];
  const ctx = new Proxy({} as Record<string, unknown>, {
    get: (_, name: string) => (...args: unknown[]) => void calls.push(name, ...args.map(() => '')),
    set: () => true,
  }) as unknown as CanvasRenderingContext2D;
  return { ctx, calls };
}

describe('element-type registry (client/src/element-types): one module per type', () => {
  it.each(ELEMENT_TYPES)('%s has its module, typed in iff its shared definition has a text field', (type) => {
    const util = ELEMENT_UTILS[type];
    expect(util.type).toBe(type);
    expect(typeof util.View).toBe('function');
    const editing = textEditingOf(sample(type));
    expect(editing?.field ?? null).toBe(ELEMENT_DEFINITIONS[type].textFields[0] ?? null);
  });

  it.each(ELEMENT_TYPES)('%s paints itself seen from afar', (type) => {
    const { ctx, calls } = recordingContext();
    paintOverview(ctx, sample(type), { hairline: 1, lookup: () => undefined, isHidden: () => false });
    expect(calls.length).toBeGreaterThan(0);
  });

  it.each<[ElementType, string, 'left' | 'center', { x: number; y: number; w: number; h: number }]>([
    ['note', '#fde68a', 'center', { x: 10, y: 20, w: 100, h: 60 }],
    ['text', '#ffffff', 'left', { x: 10, y: 20, w: 100, h: 60 }],
    ['frame', '#ffffff', 'left', { x: 10, y: -10, w: 100, h: 28 }],
    ['treeNode', '#ffffff', 'center', { x: 10, y: 20, w: 100, h: 60 }],
  ])('%s is typed on %s, aligned %s, over %o', (type, background, align, box) => {
    const element = sample(type);
    const { editing } = textEditingOf(element)!;
    expect(editing.background(element)).toBe(background);
    expect(editing.align).toBe(align);
    expect(editing.box(element)).toEqual(box);
  });

  it('a tree node folded away is hidden, and Tab is the tree’s on a node picked by pointer', () => {
    const editor = new Editor(new Y.Doc(), 'Ala');
    const [note] = editor.create([{ type: 'note', x: 0, y: 0 }]);
    expect(isHidden(editor, editor.store.get(note!)!)).toBe(false);
    expect(typeOwnsTab(editor)).toBe(false);
    const [node] = editor.create([{ type: 'treeNode', x: 0, y: 0, role: 'core' } as never]);
    editor.select([node!]);
    expect(typeOwnsTab(editor)).toBe(true);
    editor.focusElement(node!);
    expect(typeOwnsTab(editor)).toBe(false);
    editor.destroy();
  });
});
