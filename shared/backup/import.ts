import * as Y from 'yjs';
import { createElements, type NewElement } from '../ops/elements';
import { OpError } from '../ops/errors';
import { initBoard } from '../ops/board';
import { elementsOf, metaOf } from '../schema/doc';
import { ELEMENT_DEFINITIONS, isElementType } from '../schema/elements';
import { migrateDoc, SCHEMA_VERSION, type MigrationReport } from '../schema/migrate';
import { parseElement } from '../schema/plain';
import { BackupError, checkBounds, pathText, zodProblem, type BackupPath } from './bounds';
import { BACKUP_LIMITS, backupHeaderSchema, backupSchema, type BackupFacilitation } from './format';
import { repairTreeLinks, type TreeRepair } from './repair-trees';

export { BackupError } from './bounds';

/** What an import produces: a new board's document and what lives beside it. */
export interface ImportedBoard {
  doc: Y.Doc;
  meta: { title: string; locale: 'pl' | 'en'; createdAt: number };
  facilitation: BackupFacilitation;
  /** What migrating an older backup did (empty `applied` for a current one). */
  migration: MigrationReport;
  /** Tree links the import cut (repair-trees.ts); empty for a sound backup. */
  repairs: TreeRepair[];
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Refuses hostile field values before anything walks them deeply: prototype keys, deep
 * nesting and oversized arrays or objects. Element fields are flat values, number arrays
 * or short lists of small objects, so honest backups are far inside these bounds.
 */
function checkValue(value: unknown, path: BackupPath, depth: number): void {
  if (value === null || typeof value !== 'object') return;
  if (depth >= BACKUP_LIMITS.maxFieldDepth) throw new BackupError(`${pathText(path)}: nested too deeply`, path);
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  if (entries.length > BACKUP_LIMITS.maxFieldEntries) throw new BackupError(`${pathText(path)}: too many entries`, path);
  if (!Array.isArray(value)) for (const key of Object.keys(value)) if (FORBIDDEN_KEYS.has(key)) throw new BackupError(`${pathText(path)}: key ${key} is not allowed`, [...path, key]);
  for (const [key, child] of entries) checkValue(child, [...path, key], depth + 1);
}

function checkElementsShallow(elements: unknown): void {
  if (!Array.isArray(elements)) throw new BackupError('elements: expected an array', ['elements']);
  if (elements.length > BACKUP_LIMITS.maxElements) throw new BackupError(`elements: more than ${BACKUP_LIMITS.maxElements} elements`, ['elements']);
  elements.forEach((element, i) => {
    if (element === null || typeof element !== 'object' || Array.isArray(element)) throw new BackupError(`elements[${i}]: expected an object`, ['elements', i]);
    checkValue(element, ['elements', i], 0);
  });
}

/** One element as its Y.Map at the version the backup recorded, for the migrations to take up. */
function elementAtItsVersion(plain: Record<string, unknown>, index: number, seen: Set<string>): Y.Map<unknown> {
  const where = `elements[${index}]`;
  const at = (field: string): BackupPath => ['elements', index, field];
  const type = plain.type;
  if (!isElementType(type)) throw new BackupError(`${where}.type: unknown element type ${JSON.stringify(type)}`, at('type'));
  const id = plain.id;
  if (typeof id !== 'string' || id.length === 0) throw new BackupError(`${where}.id: expected a non-empty string`, at('id'));
  if (seen.has(id)) throw new BackupError(`${where}.id: duplicate id ${id}`, at('id'));
  seen.add(id);
  const definition = ELEMENT_DEFINITIONS[type];
  const version = plain.v === undefined ? 0 : plain.v;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) throw new BackupError(`${where}.v: expected a whole number`, at('v'));
  if (version > definition.version) throw new BackupError(`${where}.v: ${type} version ${version} is newer than this server's ${definition.version}`, at('v'));
  const textFields: readonly string[] = definition.textFields;
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(plain)) {
    if (value === undefined) continue;
    map.set(key, textFields.includes(key) && typeof value === 'string' ? new Y.Text(value) : value);
  }
  return map;
}

/**
 * Turns a backup (parsed JSON, untrusted) into a new board's document. The backup is
 * checked in steps, each naming the field at fault: the bounds of the whole (depth, sizes)
 * before anything walks it, format and version (a newer version is refused, an older one
 * migrated with migrateDoc), hostile element values, then the shape, strictly (unknown
 * fields refused outside elements); every element is validated by its type's schema after
 * migration, tree links are repaired (repair-trees.ts), and the elements are written with
 * the same operation live edits use (createElements). Throws BackupError.
 */
export function backupToDoc(json: unknown): ImportedBoard {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new BackupError('backup: expected a JSON object');
  checkBounds(json);
  const header = backupHeaderSchema.safeParse(json);
  if (!header.success) throw zodProblem(header.error.issues);
  if (header.data.version > SCHEMA_VERSION) {
    throw new BackupError(`version: backup version ${header.data.version} is newer than this server's ${SCHEMA_VERSION}; update Warsztat to import it`, ['version']);
  }
  checkElementsShallow((json as { elements?: unknown }).elements);
  const parsed = backupSchema.safeParse(json);
  if (!parsed.success) throw zodProblem(parsed.error.issues);
  const backup = parsed.data;
  const createdAt = backup.meta.createdAt ?? Date.now();

  // Rebuild the board as it was at the backup's version, then bring it up to date.
  const scratch = new Y.Doc();
  try {
    const seen = new Set<string>();
    const maps = backup.elements.map((plain, i) => [plain.id as string, elementAtItsVersion(plain, i, seen)] as const);
    scratch.transact(() => {
      const meta = metaOf(scratch);
      meta.set('title', backup.meta.title);
      meta.set('locale', backup.meta.locale);
      meta.set('createdAt', createdAt);
      if (backup.version > 0) meta.set('schemaVersion', backup.version);
      const elements = elementsOf(scratch);
      for (const [id, map] of maps) elements.set(id, map);
    });
    const migration = migrateDoc(scratch);
    const elements = elementsOf(scratch);
    const plains = maps.map(([id], i) => {
      const result = parseElement(elements.get(id));
      if (!result.ok) throw new BackupError(`elements[${i}].${result.reason}`, ['elements', i]);
      return result.element as unknown as NewElement;
    });
    const repairs = repairTreeLinks(plains as { id: string; type: string }[]);

    const doc = new Y.Doc();
    try {
      initBoard(doc, backup.meta.title, backup.meta.locale, createdAt);
      createElements(doc, plains, '', 'import');
    } catch (error) {
      doc.destroy();
      if (error instanceof OpError) throw new BackupError(`elements: ${error.message}`, ['elements']);
      throw error;
    }
    return {
      doc,
      meta: { title: backup.meta.title.trim(), locale: backup.meta.locale, createdAt },
      facilitation: backup.facilitation ?? { agenda: [], rounds: [] },
      migration,
      repairs,
    };
  } finally {
    scratch.destroy();
  }
}
