import * as Y from 'yjs';
import { z } from 'zod';
import { LIMITS } from './limits';

/**
 * The board document layout (documented for outside clients in docs/schema.md):
 *   doc.getMap('meta')      title, locale, schemaVersion, createdAt
 *   doc.getMap('elements')  element id -> Y.Map of that element's fields
 */
export const META_KEY = 'meta';
export const ELEMENTS_KEY = 'elements';

export const LOCALES = ['pl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const localeSchema = z.enum(LOCALES);

export const boardTitleSchema = z.string().trim().min(1).max(LIMITS.maxTitleLength);

/** The board's metadata in plain form. */
export const boardMetaSchema = z.object({
  /** Shown in the lobby, the header and reports. */
  title: boardTitleSchema,
  /** Decides the language of exports; each person's interface language is their own. */
  locale: localeSchema,
  /** Version of the document layout; see shared/schema/migrate.ts. */
  schemaVersion: z.number().int().min(0),
  /** Milliseconds since the epoch. */
  createdAt: z.number().int().min(0),
});
export type BoardMeta = z.infer<typeof boardMetaSchema>;

export type ElementMap = Y.Map<unknown>;

export function metaOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(META_KEY);
}

export function elementsOf(doc: Y.Doc): Y.Map<ElementMap> {
  return doc.getMap<ElementMap>(ELEMENTS_KEY);
}

/** Reads the metadata, filling anything missing so that callers always get a full record. */
export function readMeta(doc: Y.Doc): BoardMeta {
  const meta = metaOf(doc);
  const title = meta.get('title');
  const locale = meta.get('locale');
  const schemaVersion = meta.get('schemaVersion');
  const createdAt = meta.get('createdAt');
  return {
    title: typeof title === 'string' && title.trim() ? title : '',
    locale: locale === 'en' ? 'en' : 'pl',
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : 0,
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
  };
}
