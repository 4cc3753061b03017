import { useLayoutEffect, type RefObject } from 'react';
import type { Editor } from '../editor/editor';
import { canvasBox } from './page-position';

/**
 * While `element` floats over the canvas's left edge, tells the editor how much of the canvas
 * it covers, so that fitting a frame or the board centres it in the part people can see.
 */
export function useCoversCanvasLeft(editor: Editor, element: RefObject<HTMLElement | null>, active: boolean): void {
  useLayoutEffect(() => {
    const panel = element.current;
    if (!active || !panel) return;
    const measure = () => {
      const canvas = canvasBox();
      const box = panel.getBoundingClientRect();
      // A bottom sheet on a phone lies below the canvas, not over its left part.
      const beside = canvas !== undefined && box.top < canvas.bottom - 1 && box.bottom > canvas.top + 1;
      editor.coveredLeft = canvas && beside ? Math.max(0, box.right - canvas.left) : 0;
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(panel);
    return () => {
      observer.disconnect();
      editor.coveredLeft = 0;
    };
  }, [editor, element, active]);
}
