import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Editor } from '../../client/src/editor/editor';
import { ZoomState, ladderSize } from '../../client/src/board/zoom-text';

afterEach(() => {
  vi.useRealTimers();
});

describe('text sizes while zooming', () => {
  it('puts every size on a ladder step at or below it, at most 1/8 below', () => {
    for (let size = 0.5; size < 120; size *= 1.013) {
      const step = ladderSize(size);
      expect(step).toBeLessThanOrEqual(size * (1 + 1e-9));
      expect(step).toBeGreaterThan(size / 1.125 - 1e-9);
    }
  });

  it('gives neighbouring sizes the same step, so frames of a zoom reuse the same text', () => {
    const sizes = Array.from({ length: 60 }, (_, i) => 8 * 1.002 ** i);
    expect(new Set(sizes.map(ladderSize)).size).toBeLessThanOrEqual(2);
  });

  it('is zooming from a change of scale until it has rested for 150 ms, then redraws once', () => {
    vi.useFakeTimers();
    const editor = new Editor(new Y.Doc(), 'Ala');
    const redraw = vi.fn();
    const zoom = new ZoomState(editor, redraw);
    const stop = zoom.start();
    editor.setViewport({ ...editor.state.viewport, x: 40 });
    expect(zoom.active).toBe(false);
    editor.setViewport({ ...editor.state.viewport, scale: 0.8 });
    expect(zoom.active).toBe(true);
    vi.advanceTimersByTime(100);
    editor.setViewport({ ...editor.state.viewport, scale: 0.7 });
    vi.advanceTimersByTime(100);
    expect(zoom.active).toBe(true);
    expect(redraw).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60);
    expect(zoom.active).toBe(false);
    expect(redraw).toHaveBeenCalledTimes(1);
    stop();
    editor.setViewport({ ...editor.state.viewport, scale: 0.5 });
    expect(zoom.active).toBe(false);
  });
});
