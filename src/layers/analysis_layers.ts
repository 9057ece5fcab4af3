import type { LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { CATCHMENT_COLOUR_COUNT } from '../analysis/analysis_run';

/** GeoJSON sources the analysis fills: served land, gaps, catchment blocks. */
export const ANALYSIS_SOURCES = {
  served: 'analysis-served',
  gaps: 'analysis-gaps',
  catchments: 'analysis-catchments',
} as const;

export const ANALYSIS_COLOURS = {
  served: '#3a9fa0',
  gap: '#e0115f',
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
    id: 'analysis-gaps-fill',
    type: 'fill',
    source: ANALYSIS_SOURCES.gaps,
    paint: { 'fill-color': ANALYSIS_COLOURS.gap, 'fill-opacity': 0.75 },
  },
];
