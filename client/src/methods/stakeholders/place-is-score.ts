import { scoresAt } from '../../../../shared/methods/stakeholders';
import type { Editor } from '../../editor/editor';
import { mapFrameOf } from '../boardQueries';

/**
 * On the stakeholder map a card's place is its agreed score: when someone who may decide
 * scores (the facilitator, by the editor's policy) has moved cards on the map, the place
 * becomes the score. Who may move the cards at all is the policy's `mayMove` (the server
 * puts back anyone else's move: server/sync/facilitator-fields.ts).
 */
export function afterMove(editor: Editor, ids: readonly string[]): void {
  if (!editor.policy.mayChangeField('stakeholder', 'influence')) return;
  const patches = new Map<string, Record<string, unknown>>();
  for (const id of ids) {
    const card = editor.store.get(id);
    const frame = mapFrameOf(editor, id);
    if (card?.type !== 'stakeholder' || !frame) continue;
    const scores = scoresAt(frame, card);
    if (scores.influence !== card.influence || scores.engagement !== card.engagement) patches.set(id, { ...scores });
  }
  if (patches.size) editor.updateMany(patches);
}
