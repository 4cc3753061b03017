import { z } from 'zod';
import { baseElementShape, boundedText, type ElementDefinition } from '../element-base';
import { LIMITS } from '../limits';
import { legacyToV1 } from '../legacy-migration';

/** Which tree a node belongs to: the problem tree or the objectives tree made from it. */
export const TREE_KINDS = ['problem', 'objective'] as const;
/**
 * A node's place in its tree. In a problem tree: the core problem, a cause (drawn below) or an
 * effect (drawn above). In an objectives tree the same places read as the main objective, a
 * means (below) and an end (above).
 */
export const TREE_NODE_ROLES = ['core', 'cause', 'effect'] as const;
export type TreeKind = (typeof TREE_KINDS)[number];
export type TreeNodeRole = (typeof TREE_NODE_ROLES)[number];

const defaults = { w: 220, h: 100, text: '', tree: 'problem', role: 'cause', parentNode: null, collapsed: false, sourceId: null };
const textFields = ['text'] as const;

/** One box of a problem tree or objectives tree; the tree is laid out from these links. */
export const treeNodeElement = {
  type: 'treeNode',
  version: 1,
  schema: z.object({
    ...baseElementShape,
    type: z.literal('treeNode'),
    text: boundedText,
    tree: z.enum(TREE_KINDS),
    role: z.enum(TREE_NODE_ROLES),
    /** The node this one hangs from (a cause below it, an effect above it); null for the core. */
    parentNode: z.string().max(LIMITS.maxIdLength).nullable(),
    /** Whether this node's branch is folded away. */
    collapsed: z.boolean(),
    /** For an objective: the problem-tree node it was made from; null otherwise. */
    sourceId: z.string().max(LIMITS.maxIdLength).nullable(),
  }),
  defaults,
  textFields,
  migrations: [legacyToV1(defaults, textFields)],
} satisfies ElementDefinition<'treeNode'>;
