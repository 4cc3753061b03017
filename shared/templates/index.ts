import type * as Y from 'yjs';
import type { Locale } from '../schema/doc';

/** Fills a new board's document; built only with the schema's own operations. */
export type Template = (doc: Y.Doc, locale: Locale) => void;

/** Board templates by name. The workshop methods (#5) add theirs here. */
export const TEMPLATES: Record<string, Template> = {
  blank: () => {},
};

export function isTemplateName(name: string): boolean {
  return Object.hasOwn(TEMPLATES, name);
}
