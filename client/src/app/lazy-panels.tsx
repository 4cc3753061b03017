import { lazy, Suspense, type ComponentProps, type ComponentType } from 'react';

/**
 * What the board does not need for its first paint, loaded when first shown: on Slow 3G
 * every 50 KB left out of the first download is a second sooner to a usable board
 * (docs/benchmarks.md, section 10). Each renders nothing until its code has arrived, in a
 * Suspense boundary of its own, so the board around it never blanks. Once the board is
 * usable they are fetched in the background (`prefetchPanels`), so opening one is instant.
 */
function lazyPanel<P extends object>(load: () => Promise<ComponentType<P>>) {
  const Lazy = lazy(() => load().then((component) => ({ default: component })));
  loaders.push(load);
  return function LazyPanel(props: P) {
    return (
      <Suspense fallback={null}>
        <Lazy {...(props as ComponentProps<typeof Lazy>)} />
      </Suspense>
    );
  };
}

const loaders: (() => Promise<unknown>)[] = [];

export const HistoryPanel = lazyPanel(() => import('../history/HistoryPanel').then((m) => m.HistoryPanel));
export const ExportDialog = lazyPanel(() => import('../panels/ExportDialog').then((m) => m.ExportDialog));
export const HelpPanel = lazyPanel(() => import('../panels/HelpPanel').then((m) => m.HelpPanel));
export const FacilitatorPanel = lazyPanel(() => import('../panels/FacilitatorPanel').then((m) => m.FacilitatorPanel));
export const DraftEditor = lazyPanel(() => import('../panels/DraftEditor').then((m) => m.DraftEditor));
export const OutlinePanel = lazyPanel(() => import('../methods/outline/OutlinePanel').then((m) => m.OutlinePanel));
export const MethodsPanel = lazyPanel(() => import('../methods/MethodsPanel').then((m) => m.MethodsPanel));
export const MethodsDock = lazyPanel(() => import('../methods/MethodsDock').then((m) => m.MethodsDock));
export const GroupingPanel = lazyPanel(() => import('../grouping/GroupingPanel').then((m) => m.GroupingPanel));
export const TreeToolbar = lazyPanel(() => import('../methods/tree/TreeToolbar').then((m) => m.TreeToolbar));

let prefetched = false;

/** Fetches every panel's code once the browser is idle (after the board is usable). */
export function prefetchPanels(): void {
  if (prefetched) return;
  prefetched = true;
  const fetchAll = () => {
    for (const load of loaders) void load().catch(() => undefined);
  };
  if ('requestIdleCallback' in window) requestIdleCallback(fetchAll, { timeout: 5000 });
  else setTimeout(fetchAll, 1000);
}
