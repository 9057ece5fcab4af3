import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import type { ImportContext } from '../../src/import';
import { LAYER_IDS } from '../../src/data/layers';
import type { LayerData } from '../../src/data/load';

const GEO = join(__dirname, '../../public/geo');
const FIXTURES = join(__dirname, '../fixtures/import');

export function shippedLayer(layer: string): FeatureCollection {
  return JSON.parse(readFileSync(join(GEO, `${layer}.geojson`), 'utf8')) as FeatureCollection;
}

/** The context the app passes: the seven units and the shipped layers as CRS evidence. */
export function createShippedContext(): ImportContext {
  return {
    subdistricts: shippedLayer('subdistricts'),
    reference: Object.fromEntries(
      ['parks', 'schools', 'healthcare', 'residential', 'metro-stations'].map((layer) => [
        layer,
        shippedLayer(layer),
      ]),
    ),
  };
}

/**
 * Shipped data with every layer empty and no source of car parks: 龙泽园 recorded as without
 * data, and, when given, the extent the table already knows.
 */
export function shippedWithoutCarParks(knownExtent?: { boxes: []; units: string[] }): LayerData {
  return {
    layers: Object.fromEntries(
      LAYER_IDS.map((l) => [l, { type: 'FeatureCollection', features: [] }]),
    ),
    completeness: {
      'car-parks': {
        note: 'no source',
        note_zh: '无数据',
        units: { 龙泽园街道: { status: 'none', coverage_share: 0, count: 0 } },
        ...(knownExtent ? { known_extent: knownExtent } : {}),
      },
    },
    sources: {},
  } as unknown as LayerData;
}

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

export const utf8 = (text: string) => new TextEncoder().encode(text);

/** WGS-84 positions of shipped metro stations (public/geo/metro-stations.geojson). */
export const STATIONS = {
  回龙观: [116.329755, 40.069525],
  霍营: [116.354448, 40.069357],
  龙泽: [116.313203, 40.069573],
  天通苑: [116.40664, 40.073775],
  育知路: [116.320264, 40.086652],
} as const satisfies Record<string, [number, number]>;
