import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Editor } from '../editor/editor';
import { useEditorState } from '../editor/hooks';
import { errorKey } from '../control/errors';

/** A short message at the bottom (text cut at the limit, an edit refused); fades by itself. */
export function Notice({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const notice = useEditorState(editor, (s) => s.notice);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => editor.setState({ notice: null }), 4000);
    return () => clearTimeout(timer);
  }, [notice, editor]);
  if (!notice) return null;
  // A refused command's English reason is shown in the person's language when we know it.
  const reason = typeof notice.values?.reason === 'string' ? errorKey(notice.values.reason) : null;
  return (
    <div className="toast" role="status" data-testid="notice">
      {reason ? t(reason) : t(notice.key, notice.values)}
    </div>
  );
}
