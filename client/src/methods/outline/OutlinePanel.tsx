import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildOutline, type OutlineItem } from '../../../../shared/methods/outline';
import type { Editor } from '../../editor/editor';
import { useEditorState, useStoreVersion } from '../../editor/hooks';
import { OutlineEditor } from './OutlineEditor';
import { outlineLabel, showOnCanvas } from './outline-labels';

interface Row {
  item: OutlineItem;
  level: number;
  parent: string | null;
  posinset: number;
  setsize: number;
}

/** Rows in reading order with their place among siblings (for aria-posinset/setsize). */
function rowsOf(items: readonly OutlineItem[], level = 1, parent: string | null = null, out: Row[] = []): Row[] {
  items.forEach((item, i) => {
    out.push({ item, level, parent, posinset: i + 1, setsize: items.length });
    rowsOf(item.children, level + 1, item.element.id, out);
  });
  return out;
}

/**
 * The board as an outline a screen reader can walk: an ARIA tree of frames and their elements
 * in reading order, trees nested by their links. Arrows move, Right/Left open and close,
 * Home/End jump, Enter shows the element on the canvas, F2 edits its text.
 */
export function OutlinePanel({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const { t } = useTranslation();
  const version = useStoreVersion(editor);
  const selection = useEditorState(editor, (s) => s.selection);
  // The store changes in place; its version says when to rebuild.
  const outline = useMemo(() => buildOutline(editor.store.ordered()), [editor, version]);
  const [closed, setClosed] = useState<ReadonlySet<string>>(new Set());
  const [active, setActive] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const treeRef = useRef<HTMLUListElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  // The outline covers the canvas's left part: shown elements are centred in the rest.
  const panelInset = () => panelRef.current?.getBoundingClientRect().width ?? 0;
  const rows = useMemo(() => rowsOf(outline), [outline]);
  const visible = useMemo(() => {
    const hiddenUnder = new Set<string>();
    return rows.filter((row) => {
      if (row.parent !== null && (closed.has(row.parent) || hiddenUnder.has(row.parent))) {
        hiddenUnder.add(row.item.element.id);
        return false;
      }
      return true;
    });
  }, [rows, closed]);
  const current = visible.find((r) => r.item.element.id === active) ?? visible[0];

  // Follow the canvas selection, so the outline and the board show the same thing.
  useEffect(() => {
    if (selection.size === 1) setActive([...selection][0]!);
  }, [selection]);

  const focusRow = (id: string) => {
    setActive(id);
    requestAnimationFrame(() => treeRef.current?.querySelector<HTMLElement>(`[data-id="${CSS.escape(id)}"]`)?.focus());
  };
  const setOpen = (id: string, open: boolean) =>
    setClosed((set) => {
      const next = new Set(set);
      if (open) next.delete(id);
      else next.add(id);
      return next;
    });

  const onKeyDown = (e: React.KeyboardEvent, row: Row) => {
    const index = visible.indexOf(row);
    const id = row.item.element.id;
    const hasChildren = row.item.children.length > 0;
    const open = hasChildren && !closed.has(id);
    const go = (target: Row | undefined) => target && focusRow(target.item.element.id);
    switch (e.key) {
      case 'ArrowDown':
        go(visible[index + 1]);
        break;
      case 'ArrowUp':
        go(visible[index - 1]);
        break;
      case 'ArrowRight':
        if (hasChildren && !open) setOpen(id, true);
        else if (open) go(visible[index + 1]);
        break;
      case 'ArrowLeft':
        if (open) setOpen(id, false);
        else if (row.parent) focusRow(row.parent);
        break;
      case 'Home':
        go(visible[0]);
        break;
      case 'End':
        go(visible[visible.length - 1]);
        break;
      case 'Enter':
      case ' ':
        showOnCanvas(editor, id, panelInset());
        break;
      case 'F2':
        setEditing(id);
        break;
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  };

  const renderRows = (items: readonly OutlineItem[], level: number): React.ReactNode =>
    items.map((item, i) => {
      const id = item.element.id;
      const hasChildren = item.children.length > 0;
      const open = hasChildren && !closed.has(id);
      const isActive = current?.item.element.id === id;
      return (
        <li
          key={id}
          role="treeitem"
          aria-level={level}
          aria-posinset={i + 1}
          aria-setsize={items.length}
          aria-expanded={hasChildren ? open : undefined}
          aria-selected={selection.has(id)}
          // Named by its own label only, not by everything nested inside it.
          aria-labelledby={`outline-label-${id}`}
          tabIndex={isActive ? 0 : -1}
          data-id={id}
          data-testid="outline-item"
          onKeyDown={(e) => {
            if (e.target === e.currentTarget) onKeyDown(e, visible.find((r) => r.item.element.id === id)!);
          }}
          onFocus={(e) => e.target === e.currentTarget && setActive(id)}
        >
          <div className={`outline-row${selection.has(id) ? ' selected' : ''}`} onClick={() => { focusRow(id); showOnCanvas(editor, id, panelInset()); }} onDoubleClick={() => setEditing(id)}>
            {hasChildren ? (
              <span className="twisty" aria-hidden="true" onClick={(e) => { e.stopPropagation(); setOpen(id, !open); }}>
                {open ? '▾' : '▸'}
              </span>
            ) : (
              <span className="twisty" aria-hidden="true" />
            )}
            {editing === id ? (
              <OutlineEditor editor={editor} id={id} onDone={() => { setEditing(null); focusRow(id); }} />
            ) : (
              <span className="outline-label" id={`outline-label-${id}`}>{outlineLabel(editor, item.element, t)}</span>
            )}
          </div>
          {open && (
            <ul role="group">{renderRows(item.children, level + 1)}</ul>
          )}
        </li>
      );
    });

  return (
    <aside ref={panelRef} id="outline-panel" className="outline-panel" aria-labelledby="outline-title" data-testid="outline-panel">
      <header>
        <h2 id="outline-title">{t('outline.title')}</h2>
        <button type="button" className="secondary" disabled={!current || editing !== null} onClick={() => current && setEditing(current.item.element.id)} data-testid="outline-edit">
          {t('outline.edit')}
        </button>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('outline.close')}>
          ✕
        </button>
      </header>
      <p className="muted outline-help">{t('outline.help')}</p>
      {outline.length === 0 ? (
        <p className="muted">{t('outline.empty')}</p>
      ) : (
        <ul role="tree" aria-labelledby="outline-title" ref={treeRef} className="outline-tree">
          {renderRows(outline, 1)}
        </ul>
      )}
    </aside>
  );
}
