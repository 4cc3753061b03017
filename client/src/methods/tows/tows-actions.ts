import { buildTows } from '../../../../shared/methods/tows-ops';
import type { VoteRound } from '../../../../shared/protocol/state';
import type { Editor } from '../../editor/editor';

/** Builds or updates the TOWS matrix of a SWOT frame and shows it. */
export function buildTowsFor(editor: Editor, swotFrameId: string, rounds: readonly VoteRound[]): void {
  const result = editor.perform((doc, options) => buildTows(doc, swotFrameId, rounds, options));
  if (!result) return;
  editor.select([result.frameId]);
  editor.zoomToSelection();
  editor.notify('tows.built', { count: result.items });
}
