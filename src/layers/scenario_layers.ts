import type { ExpressionSpecification, LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { type Scenario, scenarioFeature } from '../analysis/scenario';
import type { LayerData } from '../data/load';

/** GeoJSON sources of what-if scenarios: their edits, the park being drawn, their effect. */
export const SCENARIO_SOURCES = {
  edits: 'scenario-edits',
  draft: 'scenario-draft',
  newlyServed: 'scenario-newly-served',
  lostService: 'scenario-lost-service',
} as const;

export const SCENARIO_COLOURS = {
  newlyServed: '#7b2cbf',
  lostService: '#f4a259',
  added: '#7b2cbf',
  removed: '#c1121f',
  draft: '#7b2cbf',
} as const;

/** The effect of a scenario, drawn with the analysis (above land, below facilities). */
export const SCENARIO_EFFECT_LAYERS: LayerSpecification[] = [
  {
    id: 'scenario-newly-served-fill',
    type: 'fill',
    source: SCENARIO_SOURCES.newlyServed,
    paint: {
      'fill-color': SCENARIO_COLOURS.newlyServed,
      'fill-opacity': 0.6,
      // Hidden under a slider's live preview and shown again in one frame, without a fade.
      'fill-opacity-transition': { duration: 0, delay: 0 },
    },
  },
  {
    id: 'scenario-lost-service-fill',
    type: 'fill',
    source: SCENARIO_SOURCES.lostService,
    paint: {
      'fill-color': SCENARIO_COLOURS.lostService,
      'fill-opacity': 0.75,
      'fill-opacity-transition': { duration: 0, delay: 0 },
    },
  },
];

const isEdit = (type: string): ExpressionSpecification => ['==', ['get', 'edit'], type];
const notPoint: ExpressionSpecification = ['!=', ['geometry-type'], 'Point'];
const isPoint: ExpressionSpecification = ['==', ['geometry-type'], 'Point'];

/** The edits themselves, above every data layer: added facilities, and removed ones crossed. */
export const SCENARIO_EDIT_LAYERS: LayerSpecification[] = [
  {
    id: 'scenario-added-fill',
    type: 'fill',
    source: SCENARIO_SOURCES.edits,
    filter: ['all', isEdit('add'), notPoint],
    paint: { 'fill-color': '#6dbb63', 'fill-opacity': 0.7 },
  },
  {
    id: 'scenario-added-line',
    type: 'line',
    source: SCENARIO_SOURCES.edits,
    filter: ['all', isEdit('add'), notPoint],
    paint: { 'line-color': SCENARIO_COLOURS.added, 'line-width': 2.5, 'line-dasharray': [2, 1] },
  },
  {
    id: 'scenario-added-point',
    type: 'circle',
    source: SCENARIO_SOURCES.edits,
    filter: ['all', isEdit('add'), isPoint],
    paint: {
      'circle-color': '#ffffff',
      'circle-radius': 7,
      'circle-stroke-color': SCENARIO_COLOURS.added,
      'circle-stroke-width': 3,
    },
  },
  {
    id: 'scenario-removed-line',
    type: 'line',
    source: SCENARIO_SOURCES.edits,
    filter: ['all', isEdit('remove'), notPoint],
    paint: { 'line-color': SCENARIO_COLOURS.removed, 'line-width': 3, 'line-dasharray': [1, 1] },
  },
  {
    id: 'scenario-removed-point',
    type: 'circle',
    source: SCENARIO_SOURCES.edits,
    filter: ['all', isEdit('remove'), isPoint],
    paint: {
      'circle-color': 'rgba(0,0,0,0)',
      'circle-radius': 8,
      'circle-stroke-color': SCENARIO_COLOURS.removed,
      'circle-stroke-width': 3,
    },
  },
  {
    id: 'scenario-edits-label',
    type: 'symbol',
    source: SCENARIO_SOURCES.edits,
    layout: {
      'text-field': ['get', 'label'],
      'text-font': ['Noto Sans CJK SC'],
      'text-size': 12,
      'text-offset': [0, 1.2],
      'text-anchor': 'top',
    },
    paint: {
      'text-color': SCENARIO_COLOURS.added,
      'text-halo-color': '#fff',
      'text-halo-width': 1.5,
    },
  },
  {
    id: 'scenario-draft-line',
    type: 'line',
    source: SCENARIO_SOURCES.draft,
    paint: { 'line-color': SCENARIO_COLOURS.draft, 'line-width': 2, 'line-dasharray': [2, 2] },
  },
  {
    id: 'scenario-draft-vertex',
    type: 'circle',
    source: SCENARIO_SOURCES.draft,
    filter: isPoint,
    paint: {
      'circle-color': SCENARIO_COLOURS.draft,
      'circle-radius': 4,
      'circle-stroke-color': '#fff',
      'circle-stroke-width': 1,
    },
  },
];

/**
 * What the map draws for a scenario's edits: each added facility, and each removed one with
 * its geometry from the data (a removal whose feature is gone draws nothing). `label` is the
 * name as plain text, prefixed with + or − for the map.
 */
export function scenarioEditFeatures(
  scenario: Scenario | null,
  data: LayerData,
): FeatureCollection<Geometry> {
  const features: Feature<Geometry>[] = [];
  for (const edit of scenario?.edits ?? []) {
    if (edit.type === 'remove') {
      const removed = data.layers[edit.layer].features.find(
        (f) => f.properties.id === edit.featureId,
      );
      if (!removed) continue;
      features.push({
        type: 'Feature',
        geometry: removed.geometry,
        properties: { edit: 'remove', id: edit.id, label: `− ${edit.name}` },
      });
      continue;
    }
    const added = scenarioFeature(edit);
    features.push({
      type: 'Feature',
      geometry: added.geometry,
      properties: { edit: 'add', type: edit.type, id: edit.id, label: `+ ${edit.name}` },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** The park being drawn: its outline so far and its vertices. */
export function draftFeatures(draft: readonly [number, number][]): FeatureCollection<Geometry> {
  const features: Feature<Geometry>[] = draft.map((position) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: position },
    properties: {},
  }));
  if (draft.length >= 2) {
    features.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: [...draft, draft[0]!] },
      properties: {},
    });
  }
  return { type: 'FeatureCollection', features };
}
