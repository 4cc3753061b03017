import { useEffect } from 'react';
import { scoresAt } from '../../../shared/methods/stakeholders';
import type { Editor } from '../editor/editor';
import { mapFrameOf } from './boardQueries';

/**
 * On the stakeholder map a card's place is its agreed score: only the facilitator moves
 * cards there, and when they do, the place becomes the score.
 */
export function useMethodRules(editor: Editor | null, role: string | null): void {
  useEffect(() => {
    if (!editor) return;
    const onMap = (id: string) => mapFrameOf(editor, id) !== null;
    editor.canMove = (ids) => role === 'facilitator' || !ids.some(onMap);
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
