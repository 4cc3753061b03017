import type { Role } from '../protocol/state';
import { boardTitleSchema, ELEMENTS_KEY, META_KEY } from './doc';

/** The only top-level types of a board document; an update making any other is refused. */
export const ROOT_TYPES: readonly string[] = [META_KEY, ELEMENTS_KEY];

/**
 * Whether a person with this role may write `value` under `key` of the board's `meta` map
 * over live sync. The metadata is the server's: the layout version, creation time and
 * report language are never taken from a client (a participant writing schemaVersion 999
 * made a board unopenable), and only a facilitator renames the board, within the title's
 * limits. The server puts back anything else; clients use this to not try.
 */
export function mayWriteMeta(role: Role, key: string, value: unknown): boolean {
  if (role !== 'facilitator' || key !== 'title') return false;
  return typeof value === 'string' && boardTitleSchema.safeParse(value).success;
}
