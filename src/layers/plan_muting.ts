import { ANALYSIS_STYLE_LAYERS } from './analysis_layers';

/**
 * While an analysis or an inspection is shown, the plan's layout is a backdrop: it moves under
 * the analysis layers and fades, so results and the inspection circle stay readable at overview
 * zoom. Each entry gives a paint property's value in both states.
 */
export const PLAN_MUTED_PAINT: {
  layer: string;
  property: 'fill-opacity' | 'line-opacity' | 'text-opacity';
  normal: number;
  muted: number;
}[] = [
  { layer: 'plan-cluster-fill', property: 'fill-opacity', normal: 0.14, muted: 0.04 },
  { layer: 'plan-cluster-line', property: 'line-opacity', normal: 1, muted: 0.3 },
  { layer: 'plan-lines', property: 'line-opacity', normal: 0.45, muted: 0.15 },
  { layer: 'plan-label', property: 'text-opacity', normal: 1, muted: 0.45 },
];

/** The layout's areas and lines (its labels stay on top, faded), bottom first. */
export const MOVED_PLAN_LAYERS = ['plan-cluster-fill', 'plan-cluster-line', 'plan-lines'];
/** Where the moved layers go back to: under the layout's own labels. */
export const NORMAL_PLAN_BEFORE = 'plan-label';

/** The layer the muted layout sits under: the lowest analysis layer. */
export const MUTED_PLAN_BEFORE = ANALYSIS_STYLE_LAYERS[0]!.id;
