import type { TFunction } from 'i18next';
import { elementName, type OutlineFact } from '../../../../shared/methods/outline-facts';
import { sourceCodes } from '../../../../shared/methods/tows';
import { cellCodes } from '../../../../shared/methods/tows-ops';
import type { Element } from '../../../../shared/schema/elements';
import { elementBounds } from '../../../../shared/geometry/elements';
import { fitBounds } from '../../../../shared/geometry/viewport';
import type { Editor } from '../../editor/editor';
import { treeIndex } from '../tree/tree-index';
import { axisLabel, formatScore } from '../format';

/** What kind of thing an element is, as the outline says it: a tree node by its side, a strategy with its code. */
export function outlineKind(editor: Editor, element: Element, t: TFunction): string {
  if (element.type === 'treeNode') return t(`tree.role.${element.tree}.${treeIndex(editor.store).side.get(element.id) ?? element.role}`);
  if (element.type === 'strategy' && element.parentId) {
    const codes = cellCodes(editor.store.lookup, element.parentId, element.sources);
    const code = sourceCodes(element.sources, (id) => codes.get(id) ?? null);
    return code ? `${t('outline.type.strategy')} ${code}` : t('outline.type.strategy');
  }
  return t(`outline.type.${element.type}`);
}

/** What the outline reads for an element: its kind, then its name (a stakeholder's name, an idea's title, a note's text). */
export function outlineLabel(editor: Editor, element: Element, t: TFunction): string {
  return `${outlineKind(editor, element, t)}: ${elementName(element) || t('outline.noText')}`;
}

/** One fact about an element in words of the interface language. */
export function factText(fact: OutlineFact, type: Element['type'], t: TFunction): string {
  const axes = (values: { axis: string; value: number }[]) =>
    values.map(({ axis, value }) => `${t(axisLabel(type === 'factor' ? 'factor' : 'stakeholder', axis)).toLocaleLowerCase()} ${formatScore(value)}`).join(', ');
  switch (fact.kind) {
    case 'frame':
      return t('a11y.facts.frame', { title: fact.title || t('control.untitledFrame') });
    case 'group':
    case 'place':
      return t(`a11y.facts.${fact.kind}`, { value: fact.value });
    case 'status':
      return t('a11y.facts.status', { status: t(`ideas.status.${fact.status}`).toLocaleLowerCase() });
    case 'scores':
    case 'myScore':
      return t(`a11y.facts.${fact.kind}`, { values: axes(fact.axes) });
    case 'rated':
    case 'votes':
    case 'holds':
      return t(`a11y.facts.${fact.kind}`, { count: fact.count });
    case 'votable':
      return t('a11y.facts.votable', { count: fact.mine });
    case 'locked':
    case 'private':
      return t(`a11y.facts.${fact.kind}`);
  }
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
