import { describe, expect, it } from 'vitest';
import { Text } from 'konva/lib/shapes/Text';

/**
 * client/src/board/zoom-text.ts draws text through Konva's own scene function and reads its
 * line layout (private members). An upgrade of Konva that renames them must fail here, not on
 * people's boards.
 */
describe('the Konva internals the board relies on', () => {
  it('Text still has _sceneFunc, _getTextTop and lays lines out in textArr with their widths', () => {
    // Konva cannot make a canvas in Node: the prototype is what is checked.
    const proto = Text.prototype as unknown as Record<string, unknown>;
    expect(typeof proto._sceneFunc).toBe('function');
    expect(typeof proto._getTextTop).toBe('function');
    expect(String(proto._setTextData)).toContain('this.textArr');
    expect(String(proto._addTextLine)).toMatch(/textArr\.push\(\{[\s\S]*width/);
  });
});
