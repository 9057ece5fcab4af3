/**
 * Builders of valid app features for every layer, used by the schema and check tests. Each
 * builder returns a feature that passes validateFeatureProperties and geometryProblems; tests
 * then break exactly one thing.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { LAYER_IDS, SUBDISTRICT_NAMES, type LayerId } from '../../src/data/layers';
import { createRectangleRing } from './helpers';

type Properties = Record<string, unknown>;

const COMMON: Properties = {
  name: '',
  subdistrict: '回龙观街道',
  source: 'osm',
  source_crs: 'WGS-84',
  accuracy: 'surveyed',
};

/** A small square near 回龙观, well inside AREA_BOUNDS. */
export function createSmallPolygon(): Geometry {
  return {
    type: 'Polygon',
    coordinates: [createRectangleRing(116.33, 40.07, 0.001, 0.001)],
  };
}

const LAYER_EXTRAS: Record<LayerId, () => { geometry: Geometry; properties: Properties }> = {
  subdistricts: () => ({
    geometry: createSmallPolygon(),
    properties: { name: '回龙观街道', kind: 'subdistrict', area_km2: 9.3 },
  }),
  communities: () => ({
    geometry: createSmallPolygon(),
    properties: { name: '龙泽苑社区', kind: 'community', area_m2: 1000 },
  }),
  residential: () => ({
    geometry: createSmallPolygon(),
    properties: { name: '龙泽苑', kind: 'residential', area_m2: 9000 },
  }),
  parks: () => ({
    geometry: createSmallPolygon(),
    properties: {
      name: '回龙园',
      kind: 'park',
      area_m2: 9000,
      counts_as_park: true,
    },
  }),
  schools: () => ({
    geometry: createSmallPolygon(),
    properties: {
      name: '回龙观中心小学',
      kind: 'school',
      level: 'primary',
      serves_levels: ['primary'],
    },
  }),
  healthcare: () => ({
    geometry: createSmallPolygon(),
    properties: { name: '北京积水潭医院回龙观院区', kind: 'hospital' },
  }),
  'car-parks': () => ({
    geometry: { type: 'Point', coordinates: [116.3312, 40.0721] },
    properties: { name: '回龙观地铁站停车场', kind: 'car-park', spaces: 120 },
  }),
  'metro-stations': () => ({
    geometry: { type: 'Point', coordinates: [116.3298, 40.0695] },
    properties: { name: '回龙观', kind: 'metro_station', lines: ['13号线'] },
  }),
  'metro-lines': () => ({
    geometry: {
      type: 'LineString',
      coordinates: [
        [116.3298, 40.0695],
        [116.4066, 40.0738],
      ],
    },
    properties: {
      name: '13号线',
      kind: 'metro_line',
      line: '13号线',
      colour: '#F9E700',
    },
  }),
  roads: () => ({
    geometry: {
      type: 'LineString',
      coordinates: [
        [116.33, 40.06],
        [116.33, 40.08],
      ],
    },
    properties: { name: '回龙观西大街', kind: 'road', source: 'amap-roads' },
  }),
  greenways: () => ({
    geometry: {
      type: 'LineString',
      coordinates: [
        [116.34, 40.06],
        [116.35, 40.07],
      ],
    },
    properties: { name: '昌平42绿道', kind: 'greenway', source_crs: 'GCJ-02' },
  }),
  'plan-projects': () => ({
    geometry: { type: 'Point', coordinates: [116.33, 40.07] },
    properties: {
      name: '积水潭医院回龙观院区二期扩建',
      kind: 'hospital',
      task: 4,
      plan_words: '完成积水潭医院回龙观院区二期扩建',
      status: 'planned',
      placement_note: 'the hospital site',
      placement_note_zh: '医院用地',
      accuracy: 'surveyed',
    },
  }),
  'plan-layout': () => ({
    geometry: createSmallPolygon(),
    properties: {
      name: '一轴',
      kind: 'axis',
      plan_text: '一轴：回龙观大街—太平庄中街',
      accuracy: 'schematic',
    },
  }),
};

/** A valid feature of `layer` with the given id; `overrides` replace properties. */
export function createLayerFeature(
  layer: LayerId,
  id: string,
  overrides: Properties = {},
): Feature<Geometry, Properties> {
  const { geometry, properties } = LAYER_EXTRAS[layer]();
  return {
    type: 'Feature',
    geometry,
    properties: { ...COMMON, ...properties, id, ...overrides },
  };
}

export function createCollection(features: Feature[]): FeatureCollection {
  return { type: 'FeatureCollection', features };
}

/**
 * The seven units as adjacent, non-overlapping rectangles in a row west to east
 * (0.01° × 0.01° each, starting at 116.30° E, 40.06° N).
 */
export function createSevenUnits(): Feature<Geometry, Properties>[] {
  return SUBDISTRICT_NAMES.map((name, index) => ({
    type: 'Feature',
    geometry: {
      type: 'Polygon',
      coordinates: [createRectangleRing(116.3 + index * 0.01, 40.06, 0.01, 0.01)],
    },
    properties: {
      ...COMMON,
      id: `subdistrict-${index}`,
      name,
      subdistrict: name,
      kind: name.endsWith('镇') ? 'town' : 'subdistrict',
      area_km2: 0.9,
      source: 'huitian-boundaries',
    },
  }));
}

/** A complete, valid set of layers: the seven units and one feature in every other layer. */
export function createValidLayers(): Record<LayerId, FeatureCollection> {
  const entries = LAYER_IDS.map((layer) => [
    layer,
    layer === 'subdistricts'
      ? createCollection(createSevenUnits())
      : createCollection([createLayerFeature(layer, `${layer}-1`)]),
  ]);
  return Object.fromEntries(entries) as Record<LayerId, FeatureCollection>;
}
