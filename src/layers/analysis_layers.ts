import type { LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { CATCHMENT_COLOUR_COUNT } from '../analysis/analysis_run';

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
  {
    id: 'analysis-served-fill',
    type: 'fill',
    source: ANALYSIS_SOURCES.served,
    paint: { 'fill-color': ANALYSIS_COLOURS.served, 'fill-opacity': 0.45 },
  },
  {
    id: 'analysis-network-gaps-fill',
    type: 'fill',
    source: ANALYSIS_SOURCES.networkGaps,
    paint: { 'fill-color': ANALYSIS_COLOURS.networkGap, 'fill-opacity': 0.7 },
  },
  {
    id: 'analysis-gaps-fill',
    type: 'fill',
    source: ANALYSIS_SOURCES.gaps,
    paint: { 'fill-color': ANALYSIS_COLOURS.gap, 'fill-opacity': 0.75 },
  },
  {
    id: 'analysis-unknown-ground',
    type: 'fill',
    source: ANALYSIS_SOURCES.unknown,
    paint: { 'fill-color': '#d9d9d9', 'fill-opacity': 0.7 },
  },
  {
    id: 'analysis-unknown-hatch',
    type: 'fill',
    source: ANALYSIS_SOURCES.unknown,
    paint: { 'fill-pattern': NO_DATA_PATTERN },
  },
];
