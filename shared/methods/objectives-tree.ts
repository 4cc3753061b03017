import { freeSpot } from '../geometry/free-space';
import type * as Y from 'yjs';
import { createElement, newId, updateElement } from '../ops/elements';
import { OpError } from '../ops/errors';
import { elementsOf } from '../schema/doc';
import type { ElementOf } from '../schema/elements';
import { parseElement } from '../schema/plain';
import { buildForest, normaliseText, walk } from './problem-tree';
import { applyTreeLayout, nodeSize, treeNodesIn, type TreeNode, type TreeOpOptions } from './tree-ops';

/** Room between the problem tree's frame and a new objectives frame beside it. */
const FRAME_GAP = 200;

/** What a conversion did. */
export interface ConversionResult {
  frameId: string;
  created: number;
  updated: number;
}

function frames(doc: Y.Doc): ElementOf<'frame'>[] {
  const out: ElementOf<'frame'>[] = [];
  elementsOf(doc).forEach((element) => {
    if (element.get('type') !== 'frame') return;
    const parsed = parseElement(element);
    if (parsed.ok && parsed.element.type === 'frame') out.push(parsed.element);
  });
  return out.sort((a, b) => a.x - b.x || a.y - b.y || (a.id < b.id ? -1 : 1));
}

/**
 * The objectives frame for a problem tree: the one already holding objectives made from it,
 * else the first objectives frame with no tree in it yet, else none (the caller creates one).
 */
export function objectivesFrameFor(doc: Y.Doc, problemIds: ReadonlySet<string>): ElementOf<'frame'> | undefined {
  const candidates = frames(doc).filter((f) => f.method === 'objectivesTree');
  const holding = candidates.find((f) => treeNodesIn(doc, f.id).some((n) => n.sourceId !== null && problemIds.has(n.sourceId)));
  return holding ?? candidates.find((f) => treeNodesIn(doc, f.id).length === 0);
}

/** Whether an objective still carries its problem's words (the interface asks to reword it). */
export function needsRewording(objective: Pick<TreeNode, 'text'>, source: Pick<TreeNode, 'text'> | undefined): boolean {
  return source !== undefined && normaliseText(objective.text) === normaliseText(source.text);
}

/**
 * Turns the problem tree in `problemFrameId` into an objectives tree: every problem becomes an
 * objective (sourceId = the problem), the core problem the main objective, causes the means
 * below it and effects the ends above it. New objectives start with the problem's words, to
 * be reworded positively. Running it again updates the same objectives (matched by sourceId):
 * their structure follows the problem tree, their reworded text is kept, and objectives whose
 * problem was deleted stay. The whole conversion is one transaction.
 */
export function convertToObjectives(doc: Y.Doc, problemFrameId: string, frameTitle: string, options: TreeOpOptions = {}): ConversionResult {
  const source = frames(doc).find((f) => f.id === problemFrameId);
  if (!source || source.method !== 'problemTree') throw new OpError(`${problemFrameId} is not a problem tree frame`, 'tree.errors.notProblemFrame');
  const problems = treeNodesIn(doc, problemFrameId).filter((n) => n.tree === 'problem');
  if (problems.length === 0) throw new OpError('the problem tree is empty', 'tree.errors.empty');
  const problemIds = new Set(problems.map((p) => p.id));
  const result: ConversionResult = { frameId: '', created: 0, updated: 0 };
  doc.transact(() => {
    let frame = objectivesFrameFor(doc, problemIds);
    if (!frame) {
      // Beside the problem tree, in the first free space of its row (not over another method).
      const others = frames(doc).filter((f) => f.id !== source.id);
      const at = freeSpot({ w: source.w, h: source.h }, { x: source.x + source.w + FRAME_GAP, y: source.y }, others, FRAME_GAP);
      const id = createElement(
        doc,
        { type: 'frame', method: 'objectivesTree', title: frameTitle, x: at.x, y: at.y, w: source.w, h: source.h, fill: source.fill },
        options.createdBy ?? '',
        options.origin,
      );
      frame = frames(doc).find((f) => f.id === id)!;
    }
    result.frameId = frame.id;
    const existing = new Map(treeNodesIn(doc, frame.id).filter((n) => n.sourceId !== null && problemIds.has(n.sourceId)).map((n) => [n.sourceId!, n]));
    const objectiveOf = new Map(problems.map((p) => [p.id, existing.get(p.id)?.id ?? newId()]));
    const size = nodeSize('objective');
    // Parents before children, so every link points at an objective that exists.
    for (const { node: problem } of walk(buildForest(problems))) {
      const parentNode = problem.parentNode !== null && objectiveOf.has(problem.parentNode) ? objectiveOf.get(problem.parentNode)! : null;
      const current = existing.get(problem.id);
      if (current) {
        const patch: Record<string, unknown> = {};
        if (current.parentNode !== parentNode) patch.parentNode = parentNode;
        if (current.role !== problem.role) patch.role = problem.role;
        if (!current.text.trim() && problem.text.trim()) patch.text = problem.text;
        if (Object.keys(patch).length) {
          updateElement(doc, current.id, patch, options.origin);
          result.updated++;
        }
      } else {
        createElement(
          doc,
          { type: 'treeNode', id: objectiveOf.get(problem.id)!, tree: 'objective', role: problem.role, parentNode, sourceId: problem.id, text: problem.text, x: frame.x + problem.x - source.x, y: frame.y + problem.y - source.y, ...size, parentId: frame.id },
          options.createdBy ?? '',
          options.origin,
        );
        result.created++;
      }
    }
    applyTreeLayout(doc, objectiveOf.values().next().value!, options);
  }, options.origin);
  return result;
}
