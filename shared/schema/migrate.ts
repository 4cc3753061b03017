import * as Y from 'yjs';
import { elementsOf, metaOf, readMeta, type ElementMap } from './doc';
import { ELEMENT_DEFINITIONS, isElementType } from './elements';

/** One step of the document layout's history. */
export interface DocMigration {
  readonly to: number;
  readonly name: string;
  readonly up: (doc: Y.Doc) => void;
}

/**
 * The document layout's history. Version 0 is a document without `meta.schemaVersion`
 * (made by an outside Yjs client or an early build): it gets its metadata filled in.
 */
export const DOC_MIGRATIONS: readonly DocMigration[] = [
  {
    to: 1,
    name: 'unversioned document: fill board metadata',
    up(doc) {
      const meta = metaOf(doc);
      const current = readMeta(doc);
      if (!current.title) meta.set('title', 'Tablica');
      if (meta.get('locale') !== 'pl' && meta.get('locale') !== 'en') meta.set('locale', 'pl');
      if (typeof meta.get('createdAt') !== 'number') meta.set('createdAt', Date.now());
    },
  },
];

/** The document layout version this build writes. */
export const SCHEMA_VERSION = DOC_MIGRATIONS.reduce((max, m) => Math.max(max, m.to), 0);

/** Transaction origin of migrations, so observers can tell them from people's edits. */
export const MIGRATION_ORIGIN = 'warsztat:migration';

/** What a migration run did, for logs and tests. */
export interface MigrationReport {
  fromVersion: number;
  toVersion: number;
  /** Names of the steps that ran, in order (document and element steps). */
  applied: string[];
  elementsMigrated: number;
  /** Elements of a type this build does not know, left untouched. */
  unknownTypes: string[];
}

/** Thrown when a board was written by a newer build; loading it could lose data. */
export class SchemaTooNewError extends Error {
  constructor(readonly found: number) {
    super(`board schema version ${found} is newer than this server's ${SCHEMA_VERSION}`);
  }
}

/**
 * Brings a document up to SCHEMA_VERSION and every element up to its type's version,
 * in one transaction. Running it twice changes nothing the second time.
 */
export function migrateDoc(doc: Y.Doc, onStep?: (name: string) => void): MigrationReport {
  const fromVersion = readMeta(doc).schemaVersion;
  if (fromVersion > SCHEMA_VERSION) throw new SchemaTooNewError(fromVersion);
  const report: MigrationReport = { fromVersion, toVersion: SCHEMA_VERSION, applied: [], elementsMigrated: 0, unknownTypes: [] };
  const record = (name: string) => {
    report.applied.push(name);
    onStep?.(name);
  };
  doc.transact(() => {
    for (const migration of DOC_MIGRATIONS) {
      if (migration.to <= fromVersion) continue;
      migration.up(doc);
      record(`doc:${migration.to}:${migration.name}`);
    }
    if (fromVersion !== SCHEMA_VERSION) metaOf(doc).set('schemaVersion', SCHEMA_VERSION);
    elementsOf(doc).forEach((element, id) => {
      if (!(element instanceof Y.Map)) return;
      if (migrateElement(element, id, report, record)) report.elementsMigrated++;
    });
  }, MIGRATION_ORIGIN);
  return report;
}

function migrateElement(element: ElementMap, id: string, report: MigrationReport, record: (name: string) => void): boolean {
  const type = element.get('type');
  if (!isElementType(type)) {
    report.unknownTypes.push(String(type));
    return false;
  }
  const definition = ELEMENT_DEFINITIONS[type];
  const version = typeof element.get('v') === 'number' ? (element.get('v') as number) : 0;
  if (version >= definition.version) return false;
  if (element.get('id') !== id) element.set('id', id);
  for (const migration of definition.migrations) {
    if (migration.to <= version) continue;
    migration.up(element);
    record(`${type}:${migration.to}:${migration.name}`);
  }
  element.set('v', definition.version);
  return true;
}
