import type { LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FillLayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { CATCHMENT_COLOUR_COUNT } from '../analysis/analysis_run';
import type { PreviewCollections } from './preview_polygons';
import { SCENARIO_EFFECT_LAYERS, SCENARIO_SOURCES } from './scenario_layers';

/** GeoJSON sources the analysis fills: served land, gaps, catchment blocks. */
export const ANALYSIS_SOURCES = {
  served: 'analysis-served',
  gaps: 'analysis-gaps',
  unknown: 'analysis-unknown',
  catchments: 'analysis-catchments',
  /** Residential land not reached within the radius along the imported walking network. */
  networkGaps: 'analysis-network-gaps',
} as const;

export const ANALYSIS_COLOURS = {
  served: '#3a9fa0',
  gap: '#e0115f',
  /** Orange under the magenta gaps: what shows is served in a straight line but not on foot. */
  networkGap: '#f39c12',
  /** No data: grey hatching, so it never reads as a gap. */
  unknown: '#6b6b6b',
  catchments: [
    '#4e79a7',
    '#f28e2b',
    '#59a14f',
    '#b07aa1',
    '#edc948',
    '#76b7b2',
    '#ff9da7',
    '#9c755f',
  ],
} as const;

/** The hatching image for no-data land, registered on every map that draws the style. */
export const NO_DATA_PATTERN = 'no-data-hatch';
const PATTERN_SIZE = 8;

/** An 8×8 RGBA tile: a grey diagonal line, 2 px wide, on transparent ground. */
export function noDataPatternImage(): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(PATTERN_SIZE * PATTERN_SIZE * 4);
  for (let y = 0; y < PATTERN_SIZE; y++) {
    for (let x = 0; x < PATTERN_SIZE; x++) {
      const d = (x + y) % PATTERN_SIZE;
      if (d > 1) continue;
      const i = (y * PATTERN_SIZE + x) * 4;
      data[i] = 0x6b;
      data[i + 1] = 0x6b;
      data[i + 2] = 0x6b;
      data[i + 3] = 230;
    }
  }
  return { width: PATTERN_SIZE, height: PATTERN_SIZE, data };
}

/** A fill of one of the collections a slider drag changes (see PREVIEWED_FILLS). */
export type PreviewedFill = {
  layer: string;
  collection: keyof PreviewCollections;
  /** The layer's fill opacity (1 for the pattern, which carries its own alpha). */
  opacity: number;
} & ({ colour: string; pattern?: never } | { pattern: typeof NO_DATA_PATTERN; colour?: never });

/**
 * The fills of served land, gaps along the walking network, gaps and unknown land, bottom to
 * top. The map's style layers are built from them.
 */
const ANALYSIS_FILLS: readonly (PreviewedFill & {
  collection: keyof typeof ANALYSIS_SOURCES;
})[] = [
  {
    layer: 'analysis-served-fill',
    collection: 'served',
    opacity: 0.45,
    colour: ANALYSIS_COLOURS.served,
  },
  {
    layer: 'analysis-network-gaps-fill',
    collection: 'networkGaps',
    opacity: 0.7,
    colour: ANALYSIS_COLOURS.networkGap,
  },
  { layer: 'analysis-gaps-fill', collection: 'gaps', opacity: 0.75, colour: ANALYSIS_COLOURS.gap },
  { layer: 'analysis-unknown-ground', collection: 'unknown', opacity: 0.7, colour: '#d9d9d9' },
  { layer: 'analysis-unknown-hatch', collection: 'unknown', opacity: 1, pattern: NO_DATA_PATTERN },
];

/** A scenario's effect fill, read from its style layer. */
function scenarioFill(collection: 'newlyServed' | 'lostService'): PreviewedFill {
  const spec = SCENARIO_EFFECT_LAYERS.find(
    (layer) => layer.type === 'fill' && layer.source === SCENARIO_SOURCES[collection],
  ) as FillLayerSpecification;
  return {
    layer: spec.id,
    collection,
    opacity: spec.paint!['fill-opacity'] as number,
    colour: spec.paint!['fill-color'] as string,
  };
}

/**
 * Every fill a parameter change redraws, bottom to top as the style draws them (the analysis,
 * then a scenario's effect above it): the live preview over the map during a slider drag is
 * drawn from this list, so it looks like the map.
 */
export const PREVIEWED_FILLS: readonly PreviewedFill[] = [
  ...ANALYSIS_FILLS,
  scenarioFill('newlyServed'),
  scenarioFill('lostService'),
];

if (ANALYSIS_COLOURS.catchments.length !== CATCHMENT_COLOUR_COUNT) {
  throw new Error('one catchment colour per index');
}

/** Drawn above residential land and parks, below facilities and labels. */
export const ANALYSIS_STYLE_LAYERS: LayerSpecification[] = [
  {
    id: 'analysis-catchments-fill',
    type: 'fill',
    source: ANALYSIS_SOURCES.catchments,
    paint: {
      'fill-color': [
        'to-color',
        ['at', ['get', 'colour'], ['literal', [...ANALYSIS_COLOURS.catchments]]],
      ],
      'fill-opacity': 0.55,
    },
  },
  {
    id: 'analysis-catchments-line',
    type: 'line',
    source: ANALYSIS_SOURCES.catchments,
    paint: { 'line-color': '#ffffff', 'line-width': 0.6 },
  },
  ...ANALYSIS_FILLS.map(({ layer, collection, opacity, colour, pattern }): LayerSpecification => ({
    id: layer,
    type: 'fill',
    source: ANALYSIS_SOURCES[collection],
    paint: {
      ...(pattern
        ? { 'fill-pattern': pattern }
        : { 'fill-color': colour, 'fill-opacity': opacity }),
      // Hidden under the live preview and shown again in one frame, without a fade.
      'fill-opacity-transition': { duration: 0, delay: 0 },
    },
  })),
];
