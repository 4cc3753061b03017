import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildOutline, type OutlineItem } from '../../../../shared/methods/outline';
import { outlineFacts, type FactContext } from '../../../../shared/methods/outline-facts';
import type { Ack, Command } from '../../../../shared/protocol/commands';
import { openRound, type ControlState } from '../../../../shared/protocol/state';
import { canVoteOn } from '../../../../shared/rules/areas';
import type { Editor } from '../../editor/editor';
import { useEditorState, useStoreVersion } from '../../editor/hooks';
import { OutlineActions } from './OutlineActions';
import { OutlineEditor } from './OutlineEditor';
import { factText, outlineLabel, showOnCanvas } from './outline-labels';
import './outline.css';

export interface OutlinePanelProps {
  editor: Editor;
  onClose: () => void;
  role: string | null;
  state: ControlState;
  myVotes: { roundId: string; itemIds: string[] } | null;
  myRatings: Record<string, Record<string, number>>;
  send: (command: Command) => Promise<Ack>;
}

/** Every element in reading order (for arrow keys), with its place in the outline. */
function flatten(items: readonly OutlineItem[], out: OutlineItem[] = []): OutlineItem[] {
  for (const item of items) {
    out.push(item);
    flatten(item.children, out);
  }
  return out;
}

/** Results of the last closed round, shown while no round is open (as the canvas's badges). */
function lastResults(state: ControlState): Record<string, number> | null {
  return [...state.rounds].reverse().find((r) => !r.open && r.results)?.results ?? null;
}

/**
 * The board as text, the screen reader's equivalent of the canvas: nested lists in reading
 * order, each frame a heading (so frames can be jumped through by heading), each element a
 * button named by its kind and name and described by its facts (frame, scores, votes,
 * status, locks). Pressing an element shows it on the canvas and opens its actions: edit,
 * delete, move to another frame, vote, score, and for a frame add something to it.
 * Arrows, Home and End move between elements; F2 edits; Delete deletes.
 */
export function OutlinePanel({ editor, onClose, role, state, myVotes, myRatings, send }: OutlinePanelProps) {
  const { t } = useTranslation();
  const version = useStoreVersion(editor);
  const selection = useEditorState(editor, (s) => s.selection);
  const readOnly = useEditorState(editor, (s) => s.readOnly);
  // The store changes in place; its version says when to rebuild.
  const outline = useMemo(() => buildOutline(editor.store.ordered()), [editor, version]);
  const order = useMemo(() => flatten(outline), [outline]);
  const [active, setActive] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const listRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  // The outline covers the canvas's left part: shown elements are centred in the rest.
  const panelInset = () => panelRef.current?.getBoundingClientRect().width ?? 0;
  const current = order.find((item) => item.element.id === active)?.element.id ?? order[0]?.element.id ?? null;
  const round = openRound(state);
  const mine = myVotes && round && myVotes.roundId === round.id ? myVotes.itemIds : [];
  const canEdit = !readOnly && (role === 'facilitator' || role === 'participant');
  const ctx: Omit<FactContext, 'children'> = {
    lookup: editor.store.lookup,
    round: round ?? null,
    myVotes: mine,
    lastResults: round ? null : lastResults(state),
    myRatings,
    ratingCounts: state.ratingCounts,
    lockedFrames: state.locks.frames,
    privateFrames: state.privateFrames,
  };

  // Follow the canvas selection, so the outline and the board show the same thing.
  useEffect(() => {
    if (selection.size === 1) setActive([...selection][0]!);
  }, [selection]);

  const focusItem = (id: string | null) => {
    if (!id) return;
    setActive(id);
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLElement>(`[data-id="${CSS.escape(id)}"]`)?.focus());
  };
  /** The element to go to once `id` is gone: the next one, else the one before. */
  const neighbour = (id: string) => {
    const at = order.findIndex((item) => item.element.id === id);
    return order[at + 1]?.element.id ?? order[at - 1]?.element.id ?? null;
  };

  const onKeyDown = (e: React.KeyboardEvent, id: string) => {
    const index = order.findIndex((item) => item.element.id === id);
    switch (e.key) {
      case 'ArrowDown':
        focusItem(order[index + 1]?.element.id ?? null);
        break;
      case 'ArrowUp':
        focusItem(order[index - 1]?.element.id ?? null);
        break;
      case 'Home':
        focusItem(order[0]?.element.id ?? null);
        break;
      case 'End':
        focusItem(order[order.length - 1]?.element.id ?? null);
        break;
      case 'F2':
        if (canEdit) setEditing(id);
        break;
      case 'Delete': {
        if (!canEdit) return;
        const next = neighbour(id);
        editor.select([id]);
        editor.deleteSelection();
        if (!editor.store.get(id)) focusItem(next);
        break;
      }
      default:
        // Enter and Space press the button; the board's shortcuts must not see them.
        if (e.key === 'Enter' || e.key === ' ') e.stopPropagation();
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  };

  const renderItem = (item: OutlineItem, depth: number): React.ReactNode => {
    const element = item.element;
    const id = element.id;
    const label = outlineLabel(editor, element, t);
    const facts = outlineFacts(element, { ...ctx, children: item.children.length }).map((fact) => factText(fact, element.type, t));
    const isOpen = open === id;
    const button =
      editing === id ? (
        <OutlineEditor editor={editor} id={id} label={label} onDone={() => { setEditing(null); focusItem(id); }} />
      ) : (
        <button
          type="button"
          className={`outline-item${selection.has(id) ? ' selected' : ''}`}
          tabIndex={current === id ? 0 : -1}
          aria-expanded={isOpen}
          aria-controls={isOpen ? `outline-${id}-actions` : undefined}
          aria-describedby={facts.length ? `outline-${id}-facts` : undefined}
          data-id={id}
          data-testid="outline-item"
          onClick={() => {
            setActive(id);
            setOpen(isOpen ? null : id);
            showOnCanvas(editor, id, panelInset());
          }}
          onKeyDown={(e) => onKeyDown(e, id)}
          onFocus={() => setActive(id)}
        >
          {label}
        </button>
      );
    // Frames are headings (h3 under the panel's h2, deeper frames deeper, at most h6).
    const Heading = `h${Math.min(6, 3 + depth)}` as 'h3';
    return (
      <li key={id} className={element.type === 'frame' ? 'outline-frame' : undefined}>
        {element.type === 'frame' ? <Heading className="outline-heading">{button}</Heading> : button}
        {facts.length > 0 && (
          <p className="outline-facts" id={`outline-${id}-facts`}>
            {facts.join(' · ')}
          </p>
        )}
        {isOpen && (
          <OutlineActions
            editor={editor}
            element={element}
            label={label}
            canEdit={canEdit}
            canVote={round !== undefined && role !== null && role !== 'observer' && canVoteOn(round, element, editor.store.lookup)}
            votes={{ mine: mine.filter((v) => v === id).length, left: round ? Math.max(0, round.votesPerPerson - mine.length) : 0 }}
            myRatings={myRatings}
            ratingCounts={state.ratingCounts}
            send={send}
            onShow={() => showOnCanvas(editor, id, panelInset())}
            onEdit={() => setEditing(id)}
            say={setStatus}
            onDone={(result) => {
              if (result.kind === 'deleted') {
                setStatus(t('a11y.outline.deleted', { label }));
                setOpen(null);
                focusItem(neighbour(id));
              } else if (result.kind === 'moved') {
                setStatus(t('a11y.outline.moved', { label }));
                focusItem(id);
              } else if (result.id) {
                setStatus(t('a11y.outline.added'));
                setOpen(null);
                focusItem(result.id);
              }
            }}
          />
        )}
        {item.children.length > 0 && renderList(item.children, element.type === 'frame' ? depth + 1 : depth)}
      </li>
    );
  };
  const renderList = (items: readonly OutlineItem[], depth: number) => <ul className="outline-list">{items.map((item) => renderItem(item, depth))}</ul>;

  return (
    <aside ref={panelRef} id="outline-panel" className="outline-panel" aria-labelledby="outline-title" data-testid="outline-panel">
      <header>
        <h2 id="outline-title">{t('outline.title')}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('outline.close')}>
          ✕
        </button>
      </header>
      <p className="muted outline-help">{t('a11y.outline.help')}</p>
      <p className="outline-status" role="status" data-testid="outline-status">
        {status}
      </p>
      <div className="outline-body" ref={listRef}>
        {outline.length === 0 ? <p className="muted">{t('outline.empty')}</p> : renderList(outline, 0)}
      </div>
    </aside>
  );
}
