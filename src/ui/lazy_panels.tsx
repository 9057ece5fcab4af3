import { type ComponentType, Suspense, lazy } from 'react';

/**
 * The larger panels a first map does not need, each in its own chunk: fetched when first
 * opened, or earlier, once the map is idle (see prefetchPanels), so that a click shows them at
 * once. The data and scenario panels (a few kB each) stay in the main chunk: a reload that
 * restores the planner's work shows their lists the moment they are opened.
 */
const loaders = {
  analysis: () => import('./analysis/analysis_panel').then((m) => ({ default: m.AnalysisPanel })),
  plan: () => import('./plan/plan_panel').then((m) => ({ default: m.PlanPanel })),
  importDialog: () => import('./data/import_dialog').then((m) => ({ default: m.ImportDialog })),
  exportDialog: () => import('./export/export_dialog').then((m) => ({ default: m.ExportDialog })),
};

/** Fetches every panel's chunk in the background (the browser caches the modules). */
export function prefetchPanels(): void {
  for (const load of Object.values(loaders)) void load().catch(() => undefined);
}

function suspended<P extends object>(Inner: ComponentType<P>): ComponentType<P> {
  return function Suspended(props: P) {
    return (
      <Suspense fallback={null}>
        <Inner {...props} />
      </Suspense>
    );
  };
}

export const AnalysisPanel = suspended(lazy(loaders.analysis));
export const PlanPanel = suspended(lazy(loaders.plan));
export const ImportDialog = suspended(lazy(loaders.importDialog));
export const ExportDialog = suspended(lazy(loaders.exportDialog));
