import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyGrouping, groupingRefusal, groupingTarget, layoutArea, planLayout, proposeGroups, asGroupingItem, type GroupingLayout, type GroupingTarget } from '../../../shared/grouping';
import type { Locks } from '../../../shared/rules/areas';
import type { Role } from '../../../shared/protocol/state';
import type { Editor } from '../editor/editor';
import { useEditorState, useElementsDerived } from '../editor/hooks';
import type { DraftGroup } from './draft';
import { GroupingOverlay } from './GroupingOverlay';
import './grouping.css';


const REST = 'rest';

const sameTarget = (a: GroupingTarget | null, b: GroupingTarget | null) =>
  a === b || (a !== null && b !== null && a.container?.id === b.container?.id && a.items.map((e) => e.id).join() === b.items.map((e) => e.id).join());

/**
 * "Pogrupuj podobne": on a selected ideas frame, SWOT quadrant or several notes, proposes
 * groups (shared/grouping, in the browser, nothing sent anywhere), shows them over the board
 * where applying would put them, lets the person rename groups and move items between them,
 * and applies only when asked, as one undo step.
 */
export function GroupingPanel({ editor, role, locks }: { editor: Editor; role: string | null; locks: Locks }) {
  const { t } = useTranslation();
  const selection = useEditorState(editor, (s) => s.selection);
  const readOnly = useEditorState(editor, (s) => s.readOnly);
  const target = useElementsDerived(editor, () => groupingTarget(editor.selectedElements(), editor.store.ordered(), editor.store.lookup), sameTarget);
  const [draft, setDraft] = useState<{ target: GroupingTarget; groups: DraftGroup[] } | null>(null);
  const who: Role | null = role === 'facilitator' || role === 'participant' || role === 'observer' ? role : null;
  const refusal = target ? groupingRefusal(who, target.items, target.container, locks, editor.store.lookup) : 'role';
  const layout = useMemo<GroupingLayout | null>(() => {
    if (!draft) return null;
    const sizes = new Map(draft.target.items.map((e) => [e.id, { id: e.id, w: e.w, h: e.h }]));
    return planLayout({ groups: draft.groups }, sizes, layoutArea(draft.target.container, draft.target.items));
  }, [draft]);
  // The selection is read through editor.selectedElements() above; subscribing re-renders on a change.
  void selection;

  if (!draft) {
    if (!target || readOnly || refusal) return null;
    const open = () => {
      const proposal = proposeGroups(target.items.map((e) => asGroupingItem(e)!));
      const groups: DraftGroup[] = proposal.groups.map((g, k) => ({ key: `g${k}`, label: g.label || t('grouping.unnamed', { n: k + 1 }), itemIds: g.itemIds }));
      if (proposal.rest.length) groups.push({ key: REST, label: t('grouping.rest'), itemIds: proposal.rest });
      setDraft({ target, groups });
      const sizes = new Map(target.items.map((e) => [e.id, { id: e.id, w: e.w, h: e.h }]));
      const preview = planLayout({ groups }, sizes, layoutArea(target.container, target.items));
      editor.setViewport(editor.fitView(preview.bounds));
    };
    return (
      <section className="method-panel grouping-panel grouping-offer" aria-label={t('grouping.title')}>
        <button type="button" onClick={open} data-testid="grouping-open">
          {t('grouping.open', { count: target.items.length })}
        </button>
      </section>
    );
  }

  const { groups } = draft;
  const nameOf = (id: string) => {
    const e = editor.store.get(id);
    return e ? asGroupingItem(e)?.text.split('\n')[0] ?? '' : '';
  };
  const setGroups = (next: DraftGroup[]) => setDraft({ ...draft, groups: next });
  const moveItem = (id: string, to: string) => {
    let next = groups.map((g) => ({ ...g, itemIds: g.itemIds.filter((x) => x !== id) }));
    if (to === 'new') next.push({ key: `n${Date.now()}`, label: t('grouping.unnamed', { n: next.length + 1 }), itemIds: [id] });
    else next = next.map((g) => (g.key === to ? { ...g, itemIds: [...g.itemIds, id] } : g));
    setGroups(next.filter((g) => g.itemIds.length > 0 || g.key === REST));
  };
  const apply = () => {
    const container = draft.target.container ? editor.store.get(draft.target.container.id) : null;
    const plan = { groups: groups.filter((g) => g.itemIds.length > 0).map((g) => ({ label: g.label.trim() || t('grouping.rest'), itemIds: g.itemIds })) };
    const touching = draft.target.items.map((e) => e.id).concat(container ? [container.id] : []);
    const done = editor.perform((doc, options) => applyGrouping(doc, plan, container?.type === 'frame' ? container : null, options.origin, options.createdBy), touching);
    if (done) {
      editor.select(done);
      editor.notify('grouping.applied', { count: done.length });
    }
    setDraft(null);
  };
  const shown = groups.filter((g) => g.itemIds.length > 0);
  return (
    <>
      {layout && <GroupingOverlay editor={editor} layout={layout} groups={shown} nameOf={nameOf} />}
      <section className="method-panel grouping-panel" role="region" aria-labelledby="grouping-title" data-testid="grouping-panel">
        <h3 id="grouping-title">{t('grouping.title')}</h3>
        <p className="grouping-note" data-testid="grouping-suggestion">
          {t('grouping.suggestion')}
        </p>
        <ol className="grouping-groups">
          {shown.map((g, k) => (
            <li key={g.key} data-testid="grouping-group">
              <label className="grouping-label">
                <span className="visually-hidden">{t('grouping.label', { n: k + 1 })}</span>
                <input value={g.label} maxLength={200} onChange={(e) => setGroups(groups.map((x) => (x.key === g.key ? { ...x, label: e.target.value } : x)))} data-testid="grouping-label" />
                <span className="grouping-count">{t('grouping.count', { count: g.itemIds.length })}</span>
              </label>
              <ul>
                {g.itemIds.map((id) => (
                  <li key={id}>
                    <label>
                      <span className="grouping-item">{nameOf(id)}</span>
                      <select value={g.key} onChange={(e) => moveItem(id, e.target.value)} aria-label={t('grouping.moveTo', { item: nameOf(id) })} data-testid="grouping-move">
                        {shown.map((o, j) => (
                          <option key={o.key} value={o.key}>
                            {o.label || t('grouping.unnamed', { n: j + 1 })}
                          </option>
                        ))}
                        <option value="new">{t('grouping.newGroup')}</option>
                      </select>
                    </label>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
        <div className="grouping-actions">
          <button type="button" className="secondary" onClick={() => setDraft(null)} data-testid="grouping-cancel">
            {t('grouping.cancel')}
          </button>
          <button type="button" onClick={apply} data-testid="grouping-apply">
            {t('grouping.apply')}
          </button>
        </div>
      </section>
    </>
  );
}
