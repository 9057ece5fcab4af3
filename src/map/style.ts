import type { StyleSpecification } from 'maplibre-gl';
import type { LayerData } from '../data/load';
import { LAYER_IDS, type LayerId } from '../data/layers';
import {
  COLOURS,
  LAYER_DEFINITIONS,
  SUBDISTRICT_LABEL_LAYER,
  SUBDISTRICT_LABEL_SOURCE,
  styleLayerIdsOf,
} from '../layers/catalog';
import { labelPoints } from '../analysis/label_points';
import { ANALYSIS_SOURCES, ANALYSIS_STYLE_LAYERS } from '../layers/analysis_layers';
import {
  INSPECTION_SOURCE,
  INSPECTION_STYLE_LAYERS,
  NETWORK_REACH_SOURCE,
} from '../layers/inspection_layers';
import {
  SCENARIO_EDIT_LAYERS,
  SCENARIO_EFFECT_LAYERS,
  SCENARIO_SOURCES,
} from '../layers/scenario_layers';

/** Analysis results are drawn just below this layer: over land and parks, under facilities. */
const ANALYSIS_BELOW: LayerId = 'greenways';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/**
 * The whole map style, built from the shipped layers: no tiles, no glyph server, no sprite, so
 * nothing is requested from another origin. Labels are drawn with the browser's fonts.
 */
export function buildStyle(data: LayerData, visible: readonly LayerId[]): StyleSpecification {
  const sources = {
    ...Object.fromEntries(
      LAYER_IDS.map((layer) => [
        layer,
        { type: 'geojson', data: data.layers[layer], promoteId: 'id' } as const,
      ]),
    ),
    ...Object.fromEntries(
      [...Object.values(ANALYSIS_SOURCES), ...Object.values(SCENARIO_SOURCES)].map((id) => [
        id,
        { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } as const,
      ]),
    ),
    [INSPECTION_SOURCE]: {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] as Feature[] },
    } as const,
    [NETWORK_REACH_SOURCE]: {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] as Feature[] },
    } as const,
    [SUBDISTRICT_LABEL_SOURCE]: {
      type: 'geojson',
      data: labelPoints(
        data.layers.subdistricts as FeatureCollection<Polygon | MultiPolygon, { name: string }>,
      ),
    } as const,
  };
  const layers = [
    {
      id: 'background',
      type: 'background',
      paint: { 'background-color': COLOURS.background },
    } as const,
    ...LAYER_DEFINITIONS.flatMap((d) =>
      d.id === ANALYSIS_BELOW
        ? [...ANALYSIS_STYLE_LAYERS, ...SCENARIO_EFFECT_LAYERS, ...d.styleLayers]
        : d.styleLayers,
    ),
    ...SCENARIO_EDIT_LAYERS,
    ...INSPECTION_STYLE_LAYERS,
    SUBDISTRICT_LABEL_LAYER,
  ].map((layer) => {
    const owner = LAYER_IDS.find((id) => styleLayerIdsOf(id).includes(layer.id));
    if (!owner || visible.includes(owner)) return layer;
    return { ...layer, layout: { ...('layout' in layer ? layer.layout : {}), visibility: 'none' } };
  });
  return { version: 8, sources, layers } as StyleSpecification;
}
