import { useEffect } from 'react';
import { scoresAt } from '../../../shared/methods/stakeholders';
import type { Editor } from '../editor/editor';
import { mapFrameOf } from './boardQueries';

/**
 * On the stakeholder map a card's place is its agreed score: only the facilitator moves
 * stakeholder cards, and when they do on the map, the place becomes the score.
 */
export function useMethodRules(editor: Editor | null, role: string | null): void {
  useEffect(() => {
    if (!editor) return;
    // The server refuses the same (server/sync/score-guard.ts): a stakeholder's place is
    // its score, and moving a frame moves the cards in it.
    const holdsCards = (id: string) => {
      const element = editor.store.get(id);
      if (element?.type === 'stakeholder') return true;
      return element?.type === 'frame' && editor.store.ofType('stakeholder').some((e) => e.parentId === id);
    };
    editor.canMove = (ids) => role === 'facilitator' || !ids.some(holdsCards);
    editor.onMoved = (ids) => {
      if (role !== 'facilitator') return;
      const patches = new Map<string, Record<string, unknown>>();
      for (const id of ids) {
        const card = editor.store.get(id);
        const frame = mapFrameOf(editor, id);
        if (card?.type !== 'stakeholder' || !frame) continue;
        const scores = scoresAt(frame, card);
        if (scores.influence !== card.influence || scores.engagement !== card.engagement) patches.set(id, { ...scores });
      }
      if (patches.size) editor.updateMany(patches);
    };
    return () => {
      editor.canMove = () => true;
      editor.onMoved = () => {};
    };
  }, [editor, role]);
}
