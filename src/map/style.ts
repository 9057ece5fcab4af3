import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { MOVED_PLAN_LAYERS, MUTED_PLAN_BEFORE, PLAN_MUTED_PAINT } from '../layers/plan_muting';
import type { LayerData } from '../data/load';
import { LAYER_IDS, type LayerId } from '../data/layers';
import {
  COLOURS,
  LAYER_DEFINITIONS,
  RAISED_LABELS,
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
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { EMPTY_COLLECTION } from './source_data';

/**
 * The whole map style, built from the shipped layers: no tiles, no glyph server, no sprite, so
 * nothing is requested from another origin. Labels are drawn with the browser's fonts.
 */
export function buildStyle(
  data: LayerData,
  visible: readonly LayerId[],
  options: { planMuted?: boolean } = {},
): StyleSpecification {
  const sources = {
    ...Object.fromEntries(
      LAYER_IDS.map((layer) => [
        layer,
        { type: 'geojson', data: data.layers[layer], promoteId: 'id' } as const,
      ]),
    ),
    // Overlays start with the one empty collection: setSourceData knows them as unchanged.
    ...Object.fromEntries(
      [
        ...Object.values(ANALYSIS_SOURCES),
        ...Object.values(SCENARIO_SOURCES),
        INSPECTION_SOURCE,
        NETWORK_REACH_SOURCE,
      ].map((id) => [id, { type: 'geojson', data: EMPTY_COLLECTION } as const]),
    ),
    [SUBDISTRICT_LABEL_SOURCE]: {
      type: 'geojson',
      data: labelPoints(
        data.layers.subdistricts as FeatureCollection<Polygon | MultiPolygon, { name: string }>,
      ),
    } as const,
  };
  const ordered = [
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
  ] as LayerSpecification[];
  const raised = [
    ...ordered.filter((l) => !RAISED_LABELS.includes(l.id) && l !== SUBDISTRICT_LABEL_LAYER),
    ...ordered.filter((l) => RAISED_LABELS.includes(l.id)),
    SUBDISTRICT_LABEL_LAYER,
  ];
  const layers = (options.planMuted ? mutePlan(raised) : raised).map((layer) => {
    const owner = LAYER_IDS.find((id) => styleLayerIdsOf(id).includes(layer.id));
    if (!owner || visible.includes(owner)) return layer;
    return { ...layer, layout: { ...('layout' in layer ? layer.layout : {}), visibility: 'none' } };
  });
  return { version: 8, sources, layers } as StyleSpecification;
}

/** The layout under the analysis layers and faded (see plan_muting). */
function mutePlan(layers: LayerSpecification[]): LayerSpecification[] {
  const faded = layers.map((layer) => {
    const changes = PLAN_MUTED_PAINT.filter((p) => p.layer === layer.id);
    if (changes.length === 0 || !('paint' in layer)) return layer;
    const paint = { ...layer.paint } as Record<string, unknown>;
    for (const change of changes) paint[change.property] = change.muted;
    return { ...layer, paint } as LayerSpecification;
  });
  const moved = faded.filter((l) => MOVED_PLAN_LAYERS.includes(l.id));
  const rest = faded.filter((l) => !MOVED_PLAN_LAYERS.includes(l.id));
  const at = rest.findIndex((l) => l.id === MUTED_PLAN_BEFORE);
  return [...rest.slice(0, at), ...moved, ...rest.slice(at)];
}
