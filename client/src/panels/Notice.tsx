import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Editor } from '../editor/editor';
import { useEditorState } from '../editor/hooks';

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
  return (
    <div className="toast" role="status" data-testid="notice">
      {t(notice.key, notice.values)}
    </div>
  );
}
