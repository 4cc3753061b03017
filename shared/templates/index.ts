import type * as Y from 'yjs';
import type { Phase } from '../protocol/state';
import type { Locale } from '../schema/doc';
import { TEMPLATE_LABELS } from './labels';
import { PHASE_INSTRUCTIONS, type WorkshopStep } from './instructions';
import { emptyFrame, objectivesTree, problemTree, stakeholderMap, swot } from './methods';

/** What a template leaves besides the board's content: the facilitator's agenda. */
export interface TemplateResult {
  agenda: Phase[];
}

/** Fills a new board's document; built only with the schema's own operations. */
export type Template = (doc: Y.Doc, locale: Locale) => TemplateResult | void;

const GAP = 200;

/** Board templates by name. */
export const TEMPLATES: Record<string, Template> = {
  blank: () => {},
  'stakeholder-map': (doc, locale) => {
    stakeholderMap(doc, TEMPLATE_LABELS[locale], { x: 0, y: 0 });
  },
  'problem-tree': (doc, locale) => {
    problemTree(doc, TEMPLATE_LABELS[locale], { x: 0, y: 0 });
  },
  swot: (doc, locale) => {
    swot(doc, TEMPLATE_LABELS[locale], { x: 0, y: 0 });
  },
  /** The whole workshop, left to right, with an agenda that walks through it. */
  workshop: (doc, locale) => {
    const l = TEMPLATE_LABELS[locale];
    let x = 0;
    const next = (width: number) => {
      const at = { x, y: 0 };
      x += width + GAP;
      return at;
    };
    const steps: [WorkshopStep, string][] = [
      ['stakeholders', stakeholderMap(doc, l, next(1280))],
      ['problemTree', problemTree(doc, l, next(1400))],
      ['objectivesTree', objectivesTree(doc, l, next(1400))],
      ['swot', swot(doc, l, next(1300))],
      ['tows', emptyFrame(doc, l.tows, 'tows', next(1300))],
      ['factors', emptyFrame(doc, l.factors, 'factors', next(1300))],
      ['ideas', emptyFrame(doc, l.ideas, 'ideas', next(1300))],
    ];
    const instructions = PHASE_INSTRUCTIONS[locale];
    return { agenda: steps.map(([step, frameId], i) => ({ id: `phase-${i + 1}`, title: l[step], frameId, minutes: 0, instruction: instructions[step] })) };
  },
};

export function isTemplateName(name: string): boolean {
  return Object.hasOwn(TEMPLATES, name);
}
