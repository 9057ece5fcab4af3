import type { AnalysisRequest, AnalysisResult, AnalysisTab } from '../analysis/analysis_run';
import { DEFAULT_COVERAGE_PARAMETERS } from '../analysis/coverage_parameters';
import type { PreviewCollections } from '../layers/preview_polygons';

/** What the analysis panel shows and with which parameters (part of a shared link). */
export interface AnalysisSettings extends AnalysisRequest {
  open: boolean;
}

export const DEFAULT_ANALYSIS_SETTINGS: AnalysisSettings = {
  open: false,
  tab: 'parks',
  parameters: DEFAULT_COVERAGE_PARAMETERS,
  schoolLevel: 'primary',
  schoolView: 'coverage',
};

/** The worker's state: the last result stays shown while a newer one is computed. */
export interface AnalysisRunState {
  result: AnalysisResult | null;
  /**
   * While a slider is held: the newest result's served land and gaps, drawn as a live preview
   * over the map; `result` then keeps the collections the map's sources already have.
   * Null for every full result.
   */
  preview: PreviewCollections | null;
  /** Progress of the running request, or null when idle. */
  progress: { done: number; total: number; startedAt: number } | null;
  error: string | null;
}

export const IDLE_ANALYSIS_RUN: AnalysisRunState = {
  result: null,
  preview: null,
  progress: null,
  error: null,
};

/** The facility layer each tab is about, switched on when the tab opens. */
export const TAB_LAYER: Record<AnalysisTab, 'parks' | 'schools' | null> = {
  parks: 'parks',
  schools: 'schools',
  parking: null,
};
