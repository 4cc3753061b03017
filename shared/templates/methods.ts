import type * as Y from 'yjs';
import { createElements, putIntoFrame, type NewElement } from '../ops/elements';
import type { FrameMethod } from '../schema/elements/frame';
import type { TemplateLabels } from './labels';

/** Where a method's frame goes on the board. */
export interface Slot {
  x: number;
  y: number;
}

/** Creates a frame and the elements inside it; returns the frame's id. */
function frameWith(doc: Y.Doc, frame: NewElement, inside: NewElement[]): string {
  const [frameId, ...ids] = createElements(doc, [{ ...frame, type: 'frame' }, ...inside]);
  if (ids.length) putIntoFrame(doc, ids, frameId!);
  return frameId!;
}

/** The influence/engagement grid with its four labelled quadrants. */
export function stakeholderMap(doc: Y.Doc, l: TemplateLabels, at: Slot): string {
  const size = 1200;
  const half = size / 2;
  const quadrant = (text: string, x: number, y: number, fill: string): NewElement => ({ type: 'rect', x: at.x + x, y: at.y + y, w: half - 20, h: half - 20, text, fill, stroke: '#cbd5e1', strokeWidth: 1 });
  return frameWith(doc, { type: 'frame', method: 'stakeholders', title: l.stakeholders, x: at.x, y: at.y, w: size + 80, h: size + 80 }, [
    // High influence at the top, high engagement to the right.
    quadrant(l.keepSatisfied, 60, 30, '#fef3c7'),
    quadrant(l.manageClosely, 60 + half, 30, '#fee2e2'),
    quadrant(l.monitor, 60, 30 + half, '#f1f5f9'),
    quadrant(l.keepInformed, 60 + half, 30 + half, '#dcfce7'),
    { type: 'text', text: l.engagement, x: at.x + 60 + half - 100, y: at.y + size + 40, w: 240, h: 30, fontSize: 20 },
    { type: 'text', text: l.influence, x: at.x + 8, y: at.y - 4, w: 200, h: 30, fontSize: 20 },
  ]);
}

/** A core problem (a tree node, so causes and effects hang from it) with room below and above. */
export function problemTree(doc: Y.Doc, l: TemplateLabels, at: Slot): string {
  return frameWith(doc, { type: 'frame', method: 'problemTree', title: l.problemTree, x: at.x, y: at.y, w: 1400, h: 1000 }, [
    { type: 'text', text: l.effects, x: at.x + 40, y: at.y + 40, w: 300, h: 40, fontSize: 28 },
    { type: 'treeNode', tree: 'problem', role: 'core', parentNode: null, text: l.coreProblem, x: at.x + 590, y: at.y + 450, w: 220, h: 100 },
    { type: 'text', text: l.causes, x: at.x + 40, y: at.y + 920, w: 300, h: 40, fontSize: 28 },
  ]);
}

/** An empty frame for the objectives tree, filled by converting the problem tree (#5). */
export function objectivesTree(doc: Y.Doc, l: TemplateLabels, at: Slot): string {
  return frameWith(doc, { type: 'frame', method: 'objectivesTree', title: l.objectivesTree, x: at.x, y: at.y, w: 1400, h: 1000 }, []);
}

/** Four quadrants, one frame each, inside the SWOT frame. */
export function swot(doc: Y.Doc, l: TemplateLabels, at: Slot): string {
  const outer = frameWith(doc, { type: 'frame', method: 'swot', title: l.swot, x: at.x, y: at.y, w: 1300, h: 1020 }, []);
  const quarter = (title: string, method: FrameMethod, x: number, y: number, fill: string) => frameWith(doc, { type: 'frame', method, title, x: at.x + x, y: at.y + y, w: 600, h: 440, fill }, []);
  const ids = [
    quarter(l.strengths, 'swot-s', 40, 60, '#ecfdf5'),
    quarter(l.weaknesses, 'swot-w', 660, 60, '#fef2f2'),
    // Rows 60 apart, as the upper one is from the frame's top: room for the quadrants' titles
    // above them wherever notes are legible (frame-titles.ts).
    quarter(l.opportunities, 'swot-o', 40, 560, '#eff6ff'),
    quarter(l.threats, 'swot-t', 660, 560, '#fffbeb'),
  ];
  putIntoFrame(doc, ids, outer);
  return outer;
}

/** A titled frame for a method that fills it during the workshop (TOWS, factors, ideas). */
export function emptyFrame(doc: Y.Doc, title: string, method: FrameMethod | null, at: Slot, w = 1300, h = 1000): string {
  return frameWith(doc, { type: 'frame', method, title, x: at.x, y: at.y, w, h }, []);
}
