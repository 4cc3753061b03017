import type { Editor } from '../editor/editor';
import type { TextEditing } from './types';
import { ownBox } from './shared-views';

/**
 * How most boxes are typed in: over the whole box, centred, 18 px, on white (shapes and the
 * methods' cards); a type overrides what differs.
 */
export function boxText<E extends { x: number; y: number; w: number; h: number }>(over: Partial<TextEditing<E>> = {}): TextEditing<E> {
  return { box: ownBox, fontSize: () => 18, typingSize: () => 16, background: () => '#ffffff', align: 'center', padding: () => 4, ...over };
}

/** For `key` handlers: whether a key press is a plain Enter (no modifier). */
export const plainEnter = (e: KeyboardEvent) => e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.metaKey;

export type { Editor };
