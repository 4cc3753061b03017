import { useTranslation } from 'react-i18next';
import type { GroupingLayout } from '../../../shared/grouping';
import type { Editor } from '../editor/editor';
import { useEditorState } from '../editor/hooks';
import type { DraftGroup } from './draft';

/**
 * The proposal drawn over the board where applying will put it: each group outlined and
 * labelled, its items as chips. It follows pans and zooms, and lets pointer events through
 * to the canvas. What it shows, the panel's list says in words (the list is the accessible form).
 */
export function GroupingOverlay({ editor, layout, groups, nameOf }: { editor: Editor; layout: GroupingLayout; groups: readonly DraftGroup[]; nameOf: (id: string) => string }) {
  const { t } = useTranslation();
  const view = useEditorState(editor, (s) => s.viewport);
  const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
  if (!canvas) return null;
  const at = (x: number, y: number) => ({ left: canvas.left + x * view.scale + view.x, top: canvas.top + y * view.scale + view.y });
  return (
    <div className="grouping-overlay" aria-hidden="true" data-testid="grouping-overlay" style={{ left: 0, top: 0 }}>
      <p className="grouping-overlay-note" style={{ left: canvas.left + canvas.width / 2, top: canvas.top + 8 }}>
        {t('grouping.overlayNote')}
      </p>
      {layout.groups.map((g, k) => {
        const group = groups[k];
        if (!group) return null;
        const p = at(g.frame.x, g.frame.y);
        return (
          <div key={group.key} className={`grouping-box${group.key === 'rest' ? ' rest' : ''}`} style={{ ...p, width: g.frame.w * view.scale, height: g.frame.h * view.scale }}>
            <span className="grouping-box-label">{group.label}</span>
            {g.items.map((item) => {
              const q = at(item.x, item.y);
              const size = editor.store.get(item.id);
              return (
                <span key={item.id} className="grouping-chip" style={{ left: q.left - p.left, top: q.top - p.top, width: (size?.w ?? 100) * view.scale, height: (size?.h ?? 100) * view.scale, fontSize: Math.max(8, Math.min(16, 18 * view.scale)) }}>
                  {nameOf(item.id)}
                </span>
              );
            })}
          </div>
        );
      })}
    </div>
  );
}
