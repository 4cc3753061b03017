import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../client/src/i18n/en.json';
import pl from '../../client/src/i18n/pl.json';
import { BOARD_NAMESPACES, BOARD_RESOURCES, resolvedWords, wordsT } from '../../shared/i18n';
import { matrixWords, REPORT_LABELS } from '../../shared/report/labels';
import { TEMPLATE_LABELS } from '../../shared/templates/labels';

type Tree = { readonly [key: string]: unknown };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [p, v] of leaves(value as Tree, path)) out.set(p, v);
  }
  return out;
}

const NAMESPACES: Record<string, { pl: Tree; en: Tree }> = {
  translation: { pl, en },
  ...Object.fromEntries(BOARD_NAMESPACES.map((ns) => [ns, { pl: BOARD_RESOURCES.pl[ns] as Tree, en: BOARD_RESOURCES.en[ns] as Tree }])),
};

function interfaceI18n(lng: 'pl' | 'en') {
  const instance = i18next.createInstance();
  void instance.init({
    resources: { pl: { translation: pl, ...BOARD_RESOURCES.pl }, en: { translation: en, ...BOARD_RESOURCES.en } },
    lng,
    fallbackLng: false,
    initAsync: false,
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  return instance;
}

describe('one translation system for the interface and the board', () => {
  it.each(Object.keys(NAMESPACES))('namespace %s has the same keys in Polish and English', (ns) => {
    const plKeys = [...leaves(NAMESPACES[ns]!.pl).keys()].map((k) => k.replace(/_(one|few|many|other)$/, ''));
    const enKeys = [...leaves(NAMESPACES[ns]!.en).keys()].map((k) => k.replace(/_(one|few|many|other)$/, ''));
    expect(new Set(enKeys)).toEqual(new Set(plKeys));
  });

  it.each(['pl', 'en'] as const)('every reference to another key (%s) names a key that exists', (lng) => {
    const all = new Map<string, string>();
    for (const [ns, both] of Object.entries(NAMESPACES)) for (const [k, v] of leaves(both[lng])) all.set(`${ns}:${k}`, v);
    const references = [...all.values()].flatMap((v) => [...v.matchAll(/\$t\(([^)]+)\)/g)].map((m) => m[1] ?? ''));
    expect(references.length).toBeGreaterThan(50);
    for (const ref of references) expect(all.has(ref.includes(':') ? ref : `translation:${ref}`), ref).toBe(true);
  });

  it.each([
    ['pl', 'stakeholders.quadrant.monitor', 'Monitorować'],
    ['en', 'stakeholders.quadrant.monitor', 'Monitor'],
    ['pl', 'export.methods.swot-t', 'Zagrożenia'],
    ['en', 'tree.role.objective.cause', 'Means'],
    ['pl', 'outline.type.stakeholder', 'Interesariusz'],
  ] as const)('the interface (%s) shows %s as the report writes it: %s', (lng, key, expected) => {
    expect(interfaceI18n(lng).t(key)).toBe(expected);
  });

  it('board words are finished strings, the same ones the report uses', () => {
    for (const lng of ['pl', 'en'] as const) {
      for (const ns of BOARD_NAMESPACES) for (const [key, value] of leaves(resolvedWords(lng, ns) as Tree)) expect(value, `${ns}:${key}`).not.toMatch(/\$t\(/);
      expect(TEMPLATE_LABELS[lng].strengths).toBe(REPORT_LABELS[lng].swotQuadrants['swot-s']);
      expect(TEMPLATE_LABELS[lng].coreProblem).toBe(REPORT_LABELS[lng].treeRoles.problem.core);
    }
    expect(TEMPLATE_LABELS.pl.threats).toBe('Zagrożenia');
    expect(TEMPLATE_LABELS.en.ideas).toBe("Residents' ideas");
  });

  it('placeholders are filled through i18next, in the board language', () => {
    expect(matrixWords('pl').more(3)).toBe('+ 3 więcej – pełna lista w tabeli poniżej');
    expect(matrixWords('en').more(12)).toBe('+ 12 more – the full list is in the table below');
    expect(wordsT('en', 'report')('methods.swot')).toBe('SWOT analysis');
    expect(REPORT_LABELS.pl.chart.more).toContain('{{count}}');
  });
});
