import { BACKUP_LIMITS } from './format';

/** Where in a backup something is: keys and array indexes from the top. */
export type BackupPath = (string | number)[];

/** A backup that cannot be imported; the message names the field at fault, `path` locates it. */
export class BackupError extends Error {
  constructor(
    message: string,
    readonly path: BackupPath = [],
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

/** `elements[3].text`, as messages name places. */
export function pathText(path: BackupPath): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '') || 'backup';
}

/** Keys shown in messages are cut short: they come from the backup. */
const shown = (key: string) => JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key);

/**
 * Bounds of the whole backup, checked before any schema reads it: nesting depth, entries
 * per array or object, string and key lengths (BACKUP_LIMITS). Walks with its own stack,
 * not by recursion, so that even 100,000 nested arrays cost one pass and no stack.
 */
export function checkBounds(json: unknown): void {
  const stack: { value: unknown; path: BackupPath }[] = [{ value: json, path: [] }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value, path } = next;
    if (typeof value === 'string') {
      if (value.length > BACKUP_LIMITS.maxStringLength) throw new BackupError(`${pathText(path)}: text longer than ${BACKUP_LIMITS.maxStringLength} characters`, path);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= BACKUP_LIMITS.maxDepth) throw new BackupError(`${pathText(path)}: nested deeper than ${BACKUP_LIMITS.maxDepth} levels`, path);
    const children: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    if (children.length > BACKUP_LIMITS.maxEntries) throw new BackupError(`${pathText(path)}: more than ${BACKUP_LIMITS.maxEntries} entries`, path);
    // Pushed last to first, so the first offending place in reading order is the one named.
    for (let i = children.length - 1; i >= 0; i--) {
      const [key, child] = children[i]!;
      if (typeof key === 'string' && key.length > BACKUP_LIMITS.maxKeyLength) throw new BackupError(`${pathText(path)}: key ${shown(key)} is longer than ${BACKUP_LIMITS.maxKeyLength} characters`, [...path, key]);
      stack.push({ value: child, path: [...path, key] });
    }
  }
}

/** The first problem zod found, as a BackupError naming its place (and an unknown key by name). */
export function zodProblem(issues: readonly { code: string; path: PropertyKey[]; message: string; keys?: string[] }[], prefix: BackupPath = []): BackupError {
  const issue = issues[0];
  if (!issue) return new BackupError(`${pathText(prefix)}: invalid`, prefix);
  const path = [...prefix, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
  if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
    const key = issue.keys[0]!;
    return new BackupError(`${pathText(path)}: unknown field ${shown(key)}${issue.keys.length > 1 ? ` (and ${issue.keys.length - 1} more)` : ''}`, [...path, key]);
  }
  return new BackupError(`${pathText(path)}: ${issue.message}`, path);
}
