import { memo } from 'react';
import type { Editor } from '../editor/editor';
import { useElement } from '../editor/hooks';
import { viewOf } from '../element-types/registry';

/** Below this zoom, text is not drawn: it would be unreadable and it is the costly part. */
export const TEXT_MIN_SCALE = 0.4;

interface Props {
  editor: Editor;
  id: string;
  /** Whether labels are drawn at the current zoom. */
  detailed: boolean;
  /** Text hidden because it is being edited in place. */
  editing: boolean;
}

/**
 * One element on the canvas, drawn by its type's module (client/src/element-types/);
 * re-renders only when that element (or its ends) change.
 */
export const ElementView = memo(function ElementView({ editor, id, detailed, editing }: Props) {
  const element = useElement(editor, id);
  if (!element) return null;
  const View = viewOf(element);
  return <View editor={editor} element={element} detailed={detailed} editing={editing} />;
});
