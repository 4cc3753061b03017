import * as Y from 'yjs';
import { toElementMap } from '../ops/elements';
import { elementsOf, metaOf, readMeta, type ElementMap } from '../schema/doc';
import { ELEMENT_DEFINITIONS, type Element } from '../schema/elements';
import { readElements } from '../schema/plain';

/** What a restore changed in the live document. */
export interface RestoreReport {
  added: number;
  removed: number;
  updated: number;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function setText(element: ElementMap, key: string, value: string): boolean {
  const current = element.get(key);
  if (current instanceof Y.Text) {
    if (current.toString() === value) return false;
    current.delete(0, current.length);
    current.insert(0, value);
  } else {
    element.set(key, new Y.Text(value));
  }
  return true;
}

/** Makes one live element's fields equal to the target's, writing only what differs. */
function alignElement(live: ElementMap, target: Element): boolean {
  const textFields: readonly string[] = ELEMENT_DEFINITIONS[target.type].textFields;
  let changed = false;
  for (const [key, value] of Object.entries(target)) {
    if (textFields.includes(key)) changed = setText(live, key, String(value)) || changed;
    else if (!sameValue(live.get(key), value)) {
      live.set(key, value);
      changed = true;
    }
  }
  for (const key of [...live.keys()]) {
    if (!Object.hasOwn(target, key)) {
      live.delete(key);
      changed = true;
    }
  }
  return changed;
}

/**
 * Changes the live document to match a saved version, as one ordinary transaction: elements
 * the version lacks are deleted, missing ones added, differing fields written field by
 * field (text through Y.Text). Everyone connected sees it as a normal edit; nothing of the
 * history is lost, and restoring the version saved just before undoes it.
 * `target` must be migrated to the current schema; its invalid elements are not restored.
 */
export function restoreFrom(doc: Y.Doc, target: Y.Doc, origin?: unknown): RestoreReport {
  const wanted = new Map(readElements(target).elements.map((element) => [element.id, element]));
  const targetMeta = readMeta(target);
  const elements = elementsOf(doc);
  const report: RestoreReport = { added: 0, removed: 0, updated: 0 };
  doc.transact(() => {
    for (const id of [...elements.keys()]) {
      if (wanted.has(id)) continue;
      elements.delete(id);
      report.removed++;
    }
    for (const [id, element] of wanted) {
      const live = elements.get(id);
      if (!(live instanceof Y.Map) || live.get('type') !== element.type) {
        elements.set(id, toElementMap(element as unknown as Record<string, unknown>));
        report.added++;
      } else if (alignElement(live, element)) {
        report.updated++;
      }
    }
    const meta = metaOf(doc);
    if (targetMeta.title && meta.get('title') !== targetMeta.title) meta.set('title', targetMeta.title);
    if (meta.get('locale') !== targetMeta.locale) meta.set('locale', targetMeta.locale);
    // The target is migrated: a board restored from it is at its layout version again
    // (this is how a board whose stored document claimed a newer layout becomes editable).
    if (meta.get('schemaVersion') !== targetMeta.schemaVersion) meta.set('schemaVersion', targetMeta.schemaVersion);
  }, origin);
  return report;
}
