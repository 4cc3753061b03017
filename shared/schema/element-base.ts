import { z } from 'zod';
import type * as Y from 'yjs';
import { LIMITS } from './limits';

const coordinate = z.number().min(-LIMITS.maxCoordinate).max(LIMITS.maxCoordinate);
const size = z.number().min(0).max(LIMITS.maxCoordinate);

/** Fields every element has, whatever its type. */
export const baseElementShape = {
  /** Unique id; also the element's key in the `elements` map. */
  id: z.string().min(1).max(LIMITS.maxIdLength),
  /** Version of the element type's own schema (see each type's migrations). */
  v: z.number().int().min(1),
  /** Left edge in board coordinates. */
  x: coordinate,
  /** Top edge in board coordinates. */
  y: coordinate,
  /** Width; 0 for elements whose size follows their content. */
  w: size,
  /** Height. */
  h: size,
  /** Rotation in degrees, clockwise. */
  rotation: z.number().min(-360).max(360),
  /** Fractional index (see fractional-indexing): lower draws first. */
  z: z.string().min(1).max(256),
  /** Id of the frame holding this element, or null. */
  parentId: z.string().max(LIMITS.maxIdLength).nullable(),
  /** Display name of whoever created it (for history and reports). */
  createdBy: z.string().max(100),
};

export const boundedText = z.string().max(LIMITS.maxTextLength);
export const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/);
export const flatPoints = z.array(coordinate).max(LIMITS.maxPoints * 2).refine((p) => p.length % 2 === 0, 'points come in x,y pairs');

/** One step in an element type's history; `up` upgrades one element in place. */
export interface ElementMigration {
  /** The version this migration produces. */
  readonly to: number;
  /** Why it exists, in a few words. */
  readonly name: string;
  readonly up: (element: Y.Map<unknown>) => void;
}

/** Everything the system knows about one element type: one file per type declares it. */
export interface ElementDefinition<T extends string = string, S extends z.ZodObject = z.ZodObject> {
  readonly type: T;
  /** The current version; elements are migrated up to it when a board loads. */
  readonly version: number;
  /** Validator of the plain (JSON) form of an element at the current version. */
  readonly schema: S;
  /** Fields a newly created element gets unless given (without base fields). */
  readonly defaults: Record<string, unknown>;
  /** Fields held as Y.Text so that several people can type in them at once. */
  readonly textFields: readonly string[];
  readonly migrations: readonly ElementMigration[];
  /**
   * How the area rules (locks, private frames: shared/rules/areas.ts) and frame membership
   * judge where an element lies: by its box (the default), by its parent chain only (frames:
   * a frame around a locked one is not locked), or by its ends (connectors).
   */
  readonly placement?: 'box' | 'parents' | 'ends';
  /** Whether it takes votes (default true: the things people write; not frames or lines). */
  readonly votable?: boolean;
}

/** The default base fields of a new element. */
export const baseDefaults = { x: 0, y: 0, w: 0, h: 0, rotation: 0, z: 'a0', parentId: null, createdBy: '' } as const;
