import type { TFunction } from 'i18next';
import { sourceCodes } from '../../../../shared/methods/tows';
import { cellCodes } from '../../../../shared/methods/tows-ops';
import type { Element } from '../../../../shared/schema/elements';
import { elementBounds } from '../../../../shared/geometry/elements';
import { fitBounds } from '../../../../shared/geometry/viewport';
import type { Editor } from '../../editor/editor';
import { treeIndex } from '../tree/tree-index';

/** The words an element shows, or null for elements without any. */
export function wordsOf(element: Element): string | null {
  if (element.type === 'frame') return element.title;
  return 'text' in element && typeof element.text === 'string' ? element.text : null;
}

/** What the outline reads for an element: its kind, then its words. */
export function outlineLabel(editor: Editor, element: Element, t: TFunction): string {
  let kind: string;
  if (element.type === 'treeNode') kind = t(`tree.role.${element.tree}.${treeIndex(editor.store).side.get(element.id) ?? element.role}`);
  else if (element.type === 'strategy' && element.parentId) {
    const codes = cellCodes(editor.store.lookup, element.parentId, element.sources);
    const code = sourceCodes(element.sources, (id) => codes.get(id) ?? null);
    kind = code ? `${t('outline.type.strategy')} ${code}` : t('outline.type.strategy');
  } else kind = t(`outline.type.${element.type}`);
  const words = wordsOf(element)?.replace(/\s+/g, ' ').trim();
  return `${kind}: ${words || t('outline.noText')}`;
}

/**
 * Selects an element on the canvas and brings it into view (zoomed out if it does not fit),
 * centred in the part of the canvas that `leftInset` screen pixels of panel leave visible.
 */
export function showOnCanvas(editor: Editor, id: string, leftInset = 0): void {
  const element = editor.store.get(id);
  if (!element) return;
  editor.select([id]);
  const box = elementBounds(element, editor.store.lookup);
  const { height } = editor.screenSize;
  const width = Math.max(100, editor.screenSize.width - leftInset);
  const scale = Math.min(editor.state.viewport.scale, fitBounds(box, width, height).scale);
  editor.setViewport({ scale, x: leftInset + width / 2 - (box.x + box.w / 2) * scale, y: height / 2 - (box.y + box.h / 2) * scale });
}
