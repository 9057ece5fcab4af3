import type {
  ExpressionSpecification,
  FilterSpecification,
  LayerSpecification,
  SymbolLayerSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import type { LayerId } from '../data/layers';
import { ENGLISH_ONLY_NAME_NOTE } from '../data/name_note';
import type { Language } from '../state/url_hash';
import { type StringKey, translate } from '../ui/i18n';

/** Font stack for labels: drawn locally by the browser (no glyph server). */
export const LABEL_FONT = ['Noto Sans CJK SC'];
export const LOCAL_FONT_FAMILY =
  "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

export const COLOURS = {
  background: '#f4f1ea',
  residential: '#f0d9b5',
  park: '#6dbb63',
  forest: '#a8cf8e',
  minorGreen: '#d3e6bd',
  kindergarten: '#f2a541',
  primary: '#e0703c',
  middle: '#b5403a',
  otherSchool: '#9c8f80',
  health: '#d7263d',
  road: '#ffffff',
  roadCasing: '#b9ae9c',
  expressway: '#f6c667',
  greenway: '#2e9d5b',
  subdistrictLine: '#5b3f8c',
  communityLine: '#9b8bb5',
  planAxis: '#1b7f3b',
  planBelt: '#f08a24',
  planCorridor: '#3b6fd4',
  planCluster: '#8e44ad',
  planProject: '#d9480f',
  carPark: '#1f5fa8',
} as const;

/** One row of the legend: a swatch and a label key (see ui/i18n.ts). */
export interface LegendEntry {
  labelKey: StringKey;
  swatch: {
    type: 'fill' | 'line' | 'circle';
    colour: string;
    dashed?: boolean;
    filled?: boolean;
    /** Diagonal lines in the colour over a light ground (no-data land). */
    hatched?: boolean;
  };
}

/** A data layer as the user sees it: its style layers and its legend rows. */
export interface LayerDefinition {
  id: LayerId;
  styleLayers: LayerSpecification[];
  legend: LegendEntry[];
  /** Style layers that can be clicked to show a feature's details. */
  clickable?: string[];
}

interface LabelOptions {
  filter?: FilterSpecification;
  layout?: SymbolLayerSpecification['layout'];
  paint?: SymbolLayerSpecification['paint'];
}

function label(
  id: string,
  source: string,
  minzoom: number,
  options: LabelOptions = {},
): SymbolLayerSpecification {
  return {
    id,
    type: 'symbol',
    source,
    minzoom,
    layout: {
      'text-field': ['get', 'name'],
      'text-font': LABEL_FONT,
      'text-size': 12,
      ...options.layout,
    },
    paint: {
      'text-color': '#3d3a35',
      'text-halo-color': '#ffffff',
      'text-halo-width': 1.4,
      ...options.paint,
    },
    ...(options.filter ? { filter: options.filter } : {}),
  };
}

/**
 * The feature properties the map itself reads: the style layers' expressions (colours,
 * filters, labels), the feature id MapLibre promotes, and what a click takes from a drawn
 * feature (an id and a name; a facility's details come from the app's own data). A large
 * layer's GeoJSON text carries only these, since every other property only costs the text's
 * writing and MapLibre's parsing (point_count and cluster are MapLibre's own).
 */
export const MAP_FEATURE_PROPERTIES = [
  'id',
  'name',
  'name_note',
  'kind',
  'level',
  'accuracy',
  'counts_as_park',
  'colour',
  'task',
] as const;

/** The school label: a name the source gives only in English says so on a second line. */
export function schoolLabelField(language: Language): ExpressionSpecification {
  const note = translate(language, 'facility.englishOnlyMark');
  return [
    'case',
    ['==', ['get', 'name_note'], ENGLISH_ONLY_NAME_NOTE],
    ['concat', ['get', 'name'], '\n', note.trim()],
    ['get', 'name'],
  ];
}

/** Labels of low layers that are drawn above every other layer's fills. */
export const RAISED_LABELS = ['residential-label'];

/** Drawing order is the order of this list (first = bottom). */
export const LAYER_DEFINITIONS: LayerDefinition[] = [
  {
    id: 'residential',
    styleLayers: [
      {
        id: 'residential-fill',
        type: 'fill',
        source: 'residential',
        paint: { 'fill-color': COLOURS.residential, 'fill-opacity': 0.75 },
      },
      // Named compounds (小区) at street zoom; drawn above other layers (see RAISED_LABELS).
      label('residential-label', 'residential', 15, {
        filter: ['all', ['has', 'name'], ['!=', ['get', 'name'], '']],
        layout: { 'text-size': 11, 'text-max-width': 7 },
        paint: { 'text-color': '#7a4a12' },
      }),
    ],
    legend: [
      { labelKey: 'legend.residential', swatch: { type: 'fill', colour: COLOURS.residential } },
    ],
  },
  {
    id: 'parks',
    styleLayers: [
      {
        id: 'parks-fill',
        type: 'fill',
        source: 'parks',
        filter: ['!=', ['geometry-type'], 'Point'],
        paint: {
          'fill-color': [
            'case',
            ['get', 'counts_as_park'],
            COLOURS.park,
            ['==', ['get', 'kind'], 'forest'],
            COLOURS.forest,
            COLOURS.minorGreen,
          ],
          'fill-opacity': 0.85,
        },
      },
      pointCircle('parks-point', 'parks', COLOURS.park),
      label('parks-label', 'parks', 13.5, { filter: ['get', 'counts_as_park'] }),
    ],
    legend: [
      { labelKey: 'legend.park', swatch: { type: 'fill', colour: COLOURS.park } },
      { labelKey: 'legend.forest', swatch: { type: 'fill', colour: COLOURS.forest } },
      { labelKey: 'legend.minorGreen', swatch: { type: 'fill', colour: COLOURS.minorGreen } },
    ],
  },
  {
    id: 'greenways',
    styleLayers: [
      {
        id: 'greenways-line',
        type: 'line',
        source: 'greenways',
        paint: { 'line-color': COLOURS.greenway, 'line-width': 2.5, 'line-dasharray': [2, 1] },
      },
    ],
    legend: [
      {
        labelKey: 'legend.greenway',
        swatch: { type: 'line', colour: COLOURS.greenway, dashed: true },
      },
    ],
  },
  {
    id: 'roads',
    styleLayers: [
      {
        id: 'roads-casing',
        type: 'line',
        source: 'roads',
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: {
          'line-color': COLOURS.roadCasing,
          'line-width': ['interpolate', ['linear'], ['zoom'], 10, 1.5, 15, 9],
        },
      },
      {
        id: 'roads-line',
        type: 'line',
        source: 'roads',
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: {
          'line-color': ['match', ['get', 'kind'], 'expressway', COLOURS.expressway, COLOURS.road],
          'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.8, 15, 7],
        },
      },
      label('roads-label', 'roads', 12.5, {
        layout: { 'symbol-placement': 'line', 'text-size': 11 },
      }),
    ],
    legend: [
      { labelKey: 'legend.expressway', swatch: { type: 'line', colour: COLOURS.expressway } },
      { labelKey: 'legend.road', swatch: { type: 'line', colour: COLOURS.roadCasing } },
    ],
  },
  {
    id: 'communities',
    styleLayers: [
      {
        id: 'communities-line',
        type: 'line',
        source: 'communities',
        paint: { 'line-color': COLOURS.communityLine, 'line-width': 0.8, 'line-dasharray': [3, 2] },
      },
      label('communities-label', 'communities', 13.5, {
        layout: { 'text-size': 11 },
        paint: { 'text-color': '#5e507a' },
      }),
    ],
    legend: [
      {
        labelKey: 'legend.community',
        swatch: { type: 'line', colour: COLOURS.communityLine, dashed: true },
      },
    ],
  },
  {
    id: 'schools',
    styleLayers: [
      {
        id: 'schools-fill',
        type: 'fill',
        source: 'schools',
        filter: ['!=', ['geometry-type'], 'Point'],
        paint: { 'fill-color': schoolColour(), 'fill-opacity': 0.7 },
      },
      {
        id: 'schools-point',
        type: 'circle',
        source: 'schools',
        filter: ['==', ['geometry-type'], 'Point'],
        paint: {
          'circle-color': schoolColour(),
          'circle-radius': pointRadius(4),
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1,
        },
      },
      label('schools-label', 'schools', 14.5, {
        layout: { 'text-size': 11, 'text-field': schoolLabelField('zh') },
      }),
    ],
    legend: [
      { labelKey: 'legend.kindergarten', swatch: { type: 'fill', colour: COLOURS.kindergarten } },
      { labelKey: 'legend.primary', swatch: { type: 'fill', colour: COLOURS.primary } },
      { labelKey: 'legend.middle', swatch: { type: 'fill', colour: COLOURS.middle } },
      { labelKey: 'legend.otherSchool', swatch: { type: 'fill', colour: COLOURS.otherSchool } },
    ],
  },
  {
    id: 'healthcare',
    styleLayers: [
      {
        id: 'healthcare-fill',
        type: 'fill',
        source: 'healthcare',
        filter: ['!=', ['geometry-type'], 'Point'],
        paint: { 'fill-color': COLOURS.health, 'fill-opacity': 0.7 },
      },
      pointCircle('healthcare-point', 'healthcare', COLOURS.health),
      label('healthcare-label', 'healthcare', 13.5, {
        layout: { 'text-size': 11 },
        paint: { 'text-color': '#8c1020' },
      }),
    ],
    legend: [{ labelKey: 'legend.health', swatch: { type: 'fill', colour: COLOURS.health } }],
  },
  {
    // Ships empty (no source has public car parks); filled by imported data.
    id: 'car-parks',
    styleLayers: [
      pointCircle('car-parks-point', 'car-parks', COLOURS.carPark),
      {
        id: 'car-parks-fill',
        type: 'fill',
        source: 'car-parks',
        filter: ['!=', ['geometry-type'], 'Point'],
        paint: { 'fill-color': COLOURS.carPark, 'fill-opacity': 0.5 },
      },
      label('car-parks-label', 'car-parks', 14.5, {
        layout: { 'text-size': 11, 'text-offset': [0, 1], 'text-anchor': 'top' },
        paint: { 'text-color': COLOURS.carPark },
      }),
    ],
    legend: [
      {
        labelKey: 'legend.carPark',
        swatch: { type: 'circle', colour: COLOURS.carPark, filled: true },
      },
    ],
  },
  {
    id: 'subdistricts',
    styleLayers: [
      {
        id: 'subdistricts-fill',
        type: 'fill',
        source: 'subdistricts',
        paint: {
          'fill-color': COLOURS.subdistrictLine,
          'fill-opacity': [
            'case',
            ['boolean', ['feature-state', 'selected'], false],
            0.16,
            ['boolean', ['feature-state', 'hover'], false],
            0.1,
            0.02,
          ],
        },
      },
      {
        id: 'subdistricts-line',
        type: 'line',
        source: 'subdistricts',
        paint: {
          'line-color': COLOURS.subdistrictLine,
          'line-width': [
            'case',
            ['boolean', ['feature-state', 'selected'], false],
            3.5,
            ['boolean', ['feature-state', 'hover'], false],
            3,
            1.8,
          ],
        },
      },
    ],
    legend: [
      { labelKey: 'legend.subdistrict', swatch: { type: 'line', colour: COLOURS.subdistrictLine } },
    ],
    clickable: ['subdistricts-fill'],
  },
  {
    id: 'metro-lines',
    styleLayers: [
      {
        id: 'metro-lines-line',
        type: 'line',
        source: 'metro-lines',
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': ['get', 'colour'], 'line-width': 3.5, 'line-opacity': 0.9 },
      },
    ],
    legend: [{ labelKey: 'legend.metroLine', swatch: { type: 'line', colour: '#00A9A9' } }],
  },
  {
    id: 'metro-stations',
    styleLayers: [
      {
        id: 'metro-stations-circle',
        type: 'circle',
        source: 'metro-stations',
        paint: {
          'circle-color': '#ffffff',
          'circle-radius': 4.5,
          'circle-stroke-color': '#2b2b2b',
          'circle-stroke-width': 1.6,
        },
      },
      label('metro-stations-label', 'metro-stations', 11.5, {
        layout: { 'text-size': 11, 'text-offset': [0, 1.1], 'text-anchor': 'top' },
      }),
    ],
    legend: [{ labelKey: 'legend.metroStation', swatch: { type: 'circle', colour: '#2b2b2b' } }],
  },
  {
    id: 'plan-layout',
    styleLayers: [
      {
        id: 'plan-cluster-fill',
        type: 'fill',
        source: 'plan-layout',
        filter: ['==', ['get', 'kind'], 'cluster'],
        paint: { 'fill-color': COLOURS.planCluster, 'fill-opacity': 0.14 },
      },
      {
        id: 'plan-cluster-line',
        type: 'line',
        source: 'plan-layout',
        filter: ['==', ['get', 'kind'], 'cluster'],
        paint: { 'line-color': COLOURS.planCluster, 'line-width': 2, 'line-dasharray': [2, 2] },
      },
      {
        id: 'plan-lines',
        type: 'line',
        source: 'plan-layout',
        filter: ['!=', ['get', 'kind'], 'cluster'],
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: {
          'line-color': [
            'match',
            ['get', 'kind'],
            'axis',
            COLOURS.planAxis,
            'belt',
            COLOURS.planBelt,
            COLOURS.planCorridor,
          ],
          'line-width': ['interpolate', ['linear'], ['zoom'], 10, 4, 15, 18],
          'line-opacity': 0.45,
        },
      },
      label('plan-label', 'plan-layout', 10, {
        layout: {
          'text-size': 13,
          'symbol-placement': 'point',
          'text-allow-overlap': false,
        },
        paint: { 'text-color': '#3b2a55', 'text-halo-width': 2 },
      }),
    ],
    legend: [
      { labelKey: 'legend.planAxis', swatch: { type: 'line', colour: COLOURS.planAxis } },
      { labelKey: 'legend.planBelt', swatch: { type: 'line', colour: COLOURS.planBelt } },
      { labelKey: 'legend.planCorridor', swatch: { type: 'line', colour: COLOURS.planCorridor } },
      {
        labelKey: 'legend.planCluster',
        swatch: { type: 'fill', colour: COLOURS.planCluster, dashed: true },
      },
    ],
    clickable: ['plan-cluster-fill', 'plan-lines'],
  },
  {
    id: 'plan-projects',
    styleLayers: [
      {
        id: 'plan-projects-fill',
        type: 'fill',
        source: 'plan-projects',
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': COLOURS.planProject, 'fill-opacity': 0.25 },
      },
      {
        id: 'plan-projects-line',
        type: 'line',
        source: 'plan-projects',
        filter: ['!=', ['get', 'accuracy'], 'approximate'],
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': COLOURS.planProject, 'line-width': 3 },
      },
      {
        id: 'plan-projects-line-approximate',
        type: 'line',
        source: 'plan-projects',
        filter: [
          'all',
          ['==', ['geometry-type'], 'LineString'],
          ['==', ['get', 'accuracy'], 'approximate'],
        ],
        paint: { 'line-color': COLOURS.planProject, 'line-width': 3, 'line-dasharray': [2, 1.5] },
      },
      {
        id: 'plan-projects-highlight-line',
        type: 'line',
        source: 'plan-projects',
        filter: ['all', ['!=', ['geometry-type'], 'Point'], ['==', ['get', 'task'], -1]],
        paint: { 'line-color': '#1d1d1d', 'line-width': 5, 'line-opacity': 0.7 },
      },
      {
        id: 'plan-projects-highlight',
        type: 'circle',
        source: 'plan-projects',
        filter: ['all', ['==', ['geometry-type'], 'Point'], ['==', ['get', 'task'], -1]],
        paint: {
          'circle-radius': 13,
          'circle-color': 'rgba(0,0,0,0)',
          'circle-stroke-color': '#1d1d1d',
          'circle-stroke-width': 3,
        },
      },
      {
        id: 'plan-projects-point',
        type: 'circle',
        source: 'plan-projects',
        filter: ['==', ['geometry-type'], 'Point'],
        paint: {
          'circle-radius': 7,
          'circle-color': [
            'case',
            ['==', ['get', 'accuracy'], 'approximate'],
            '#ffffff',
            COLOURS.planProject,
          ],
          'circle-stroke-color': COLOURS.planProject,
          'circle-stroke-width': 2.5,
        },
      },
      label('plan-projects-label', 'plan-projects', 13, {
        layout: { 'text-size': 11, 'text-offset': [0, 1.3], 'text-anchor': 'top' },
        paint: { 'text-color': COLOURS.planProject },
      }),
    ],
    legend: [
      {
        labelKey: 'legend.projectSite',
        swatch: { type: 'circle', colour: COLOURS.planProject, filled: true },
      },
      {
        labelKey: 'legend.projectApproximate',
        swatch: { type: 'circle', colour: COLOURS.planProject },
      },
      { labelKey: 'legend.projectLine', swatch: { type: 'line', colour: COLOURS.planProject } },
    ],
    clickable: [
      'plan-projects-point',
      'plan-projects-fill',
      'plan-projects-line',
      'plan-projects-line-approximate',
    ],
  },
];

/**
 * A point's radius, larger for a cluster (a large imported layer is drawn in clusters at the
 * area's scale) the more points it stands for.
 */
function pointRadius(radius: number): ExpressionSpecification {
  return [
    'case',
    ['has', 'point_count'],
    ['interpolate', ['linear'], ['get', 'point_count'], 2, radius + 2, 1000, radius + 10],
    radius,
  ];
}

/** Imported facilities may be points where the shipped ones are areas. */
function pointCircle(id: string, source: string, colour: string): LayerSpecification {
  return {
    id,
    type: 'circle',
    source,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: {
      'circle-color': colour,
      'circle-radius': pointRadius(5),
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1.2,
    },
  };
}

function schoolColour(): ExpressionSpecification {
  return [
    'match',
    ['get', 'level'],
    'kindergarten',
    COLOURS.kindergarten,
    'primary',
    COLOURS.primary,
    'middle',
    COLOURS.middle,
    COLOURS.otherSchool,
  ];
}

/** The subdistrict name labels sit above everything. */
export const SUBDISTRICT_LABEL_SOURCE = 'subdistrict-labels';
export const SUBDISTRICT_LABEL_LAYER: LayerSpecification = label(
  'subdistricts-label',
  SUBDISTRICT_LABEL_SOURCE,
  9,
  {
    layout: { 'text-size': 15, 'text-font': LABEL_FONT },
    paint: { 'text-color': COLOURS.subdistrictLine, 'text-halo-width': 2 },
  },
);

export const DEFAULT_VISIBLE_LAYERS: readonly LayerId[] = [
  'subdistricts',
  'residential',
  'parks',
  'roads',
  'metro-lines',
  'metro-stations',
  'greenways',
  'plan-layout',
];

/** The style layers that belong to a data layer (subdistrict labels go with subdistricts). */
export function styleLayerIdsOf(layer: LayerId): string[] {
  const definition = LAYER_DEFINITIONS.find((d) => d.id === layer);
  const ids = definition?.styleLayers.map((l) => l.id) ?? [];
  return layer === 'subdistricts' ? [...ids, SUBDISTRICT_LABEL_LAYER.id] : ids;
}
