import * as Y from 'yjs';
import { baseDefaults, type ElementMigration } from './element-base';

/**
 * Version 0 is an element written without a version: by an early build, a hand-edited
 * import or an outside Yjs client that sets plain fields. Version 1 fills the missing
 * fields with defaults and turns plain-string text fields into Y.Text, so that
 * collaborative typing works on them.
 */
export function legacyToV1(defaults: Record<string, unknown>, textFields: readonly string[]): ElementMigration {
  return {
    to: 1,
    name: 'unversioned element: fill defaults, text as Y.Text',
    up(element) {
      for (const [key, value] of Object.entries({ ...baseDefaults, ...defaults })) {
        if (textFields.includes(key)) continue;
        if (!element.has(key)) element.set(key, value);
      }
      for (const field of textFields) {
        const current = element.get(field);
        if (current instanceof Y.Text) continue;
        element.set(field, new Y.Text(typeof current === 'string' ? current : ''));
      }
    },
  };
}
