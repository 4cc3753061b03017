import * as Y from 'yjs';
import { boardTitleSchema, metaOf, type Locale } from '../schema/doc';
import { SCHEMA_VERSION } from '../schema/migrate';
import { OpError } from './errors';

/** Writes the metadata of a brand-new board. */
export function initBoard(doc: Y.Doc, title: string, locale: Locale, createdAt = Date.now()): void {
  const parsed = boardTitleSchema.safeParse(title);
  if (!parsed.success) throw new OpError('title must be 1 to 200 characters');
  doc.transact(() => {
    const meta = metaOf(doc);
    meta.set('title', parsed.data);
    meta.set('locale', locale);
    meta.set('schemaVersion', SCHEMA_VERSION);
    meta.set('createdAt', createdAt);
  });
}

export function renameBoard(doc: Y.Doc, title: string, origin?: unknown): void {
  const parsed = boardTitleSchema.safeParse(title);
  if (!parsed.success) throw new OpError('title must be 1 to 200 characters');
  doc.transact(() => metaOf(doc).set('title', parsed.data), origin);
}
