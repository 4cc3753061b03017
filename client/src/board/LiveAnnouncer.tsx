import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { announceBoardChanges, announceControlChanges, timerMilestone, type Announcement, type BoardChange } from '../../../shared/methods/announcements';
import type { ControlState } from '../../../shared/protocol/state';
import { elementsOf } from '../../../shared/schema/doc';
import { isElementType, type ElementType } from '../../../shared/schema/elements';
import type { Editor } from '../editor/editor';

/** How long other people's changes are gathered before one announcement (ms). */
const BATCH_MS = 1500;
/** An element being typed in is announced once in this long, not at every keystroke (ms). */
const QUIET_MS = 20_000;

/**
 * The board's polite live region: other people's changes (batched), phase changes, vote
 * rounds opening and closing and the timer's milestones, for people who cannot watch the
 * canvas. The sentences are built in shared/methods/announcements.ts.
 */
export function LiveAnnouncer({ editor, state, clockOffset }: { editor: Editor; state: ControlState; clockOffset: number }) {
  const { t } = useTranslation();
  const [said, setSaid] = useState<{ text: string; n: number }>({ text: '', n: 0 });
  const say = (announcements: Announcement[]) => {
    if (announcements.length === 0) return;
    const text = announcements
      .map(({ key, values }) => t(`a11y.live.${key}`, { ...values, type: typeof values.type === 'string' ? t(`outline.type.${values.type}`).toLocaleLowerCase() : values.type }))
      .join(' ');
    setSaid((s) => ({ text, n: s.n + 1 }));
  };
  const sayRef = useRef(say);
  sayRef.current = say;

  // Other people's edits of the document.
  useEffect(() => {
    const elements = elementsOf(editor.doc);
    const known = new Map<string, { type: ElementType; frame: string | null }>();
    const describe = (id: string) => {
      const element = editor.store.get(id);
      if (!element) return known.get(id) ?? null;
      const parent = element.parentId ? editor.store.get(element.parentId) : undefined;
      const seen = { type: element.type, frame: parent?.type === 'frame' ? parent.title || null : null };
      known.set(id, seen);
      return seen;
    };
    for (const element of editor.store.ordered()) describe(element.id);
    let pending: { id: string; kind: BoardChange['kind']; by: string | null }[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const lastChanged = new Map<string, number>();
    const flush = () => {
      timer = undefined;
      const now = Date.now();
      const changes: BoardChange[] = [];
      for (const { id, kind, by } of pending) {
        if (kind === 'changed' && (lastChanged.get(id) ?? -Infinity) > now - QUIET_MS) continue;
        if (kind === 'changed') lastChanged.set(id, now);
        const seen = kind === 'removed' ? (known.get(id) ?? null) : describe(id);
        if (!seen) continue;
        changes.push({ kind, type: seen.type, frame: seen.frame, by: kind === 'added' ? by : null });
        if (kind === 'removed') known.delete(id);
      }
      pending = [];
      sayRef.current(announceBoardChanges(changes));
    };
    const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
      if (transaction.local) {
        // Keep what this person changed known too, for when someone else deletes it.
        for (const event of events) if (event.target !== elements && typeof event.path[0] === 'string') describe(event.path[0]);
        return;
      }
      const touched = new Set<string>();
      for (const event of events) {
        if (event.target === elements) {
          event.changes.keys.forEach((change, id) => {
            touched.add(id);
            if (change.action === 'delete') pending.push({ id, kind: 'removed', by: null });
            else if (change.action === 'add') {
              const map = elements.get(id);
              const type = map?.get('type');
              const by = map?.get('createdBy');
              if (isElementType(type)) pending.push({ id, kind: 'added', by: typeof by === 'string' && by ? by : null });
            }
          });
        } else if (typeof event.path[0] === 'string' && !touched.has(event.path[0])) {
          touched.add(event.path[0]);
          pending.push({ id: event.path[0], kind: 'changed', by: null });
        }
      }
      if (pending.length && !timer) timer = setTimeout(flush, BATCH_MS);
    };
    elements.observeDeep(observer);
    return () => {
      elements.unobserveDeep(observer);
      clearTimeout(timer);
    };
  }, [editor]);

  // Phases, vote rounds and the timer.
  const previous = useRef<ControlState | null>(null);
  useEffect(() => {
    // The first state after joining is no news; it only sets the baseline.
    if (previous.current) say(announceControlChanges(previous.current, state));
    previous.current = state;
  }, [state]);
  useEffect(() => {
    if (!state.timer.running) return;
    let last = Date.now() + clockOffset;
    const id = setInterval(() => {
      const now = Date.now() + clockOffset;
      const milestone = timerMilestone(state.timer, last, now);
      last = now;
      if (milestone) sayRef.current([milestone]);
    }, 1000);
    return () => clearInterval(id);
  }, [state.timer, clockOffset]);

  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="live-region" data-count={said.n}>
      {said.text && <p key={said.n}>{said.text}</p>}
    </div>
  );
}
