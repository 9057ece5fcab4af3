import { describe, expect, it } from 'vitest';
import { LAYER_IDS } from '../../src/data/layers';
import type { LayerData } from '../../src/data/load';
import type { AppFeature } from '../../src/data/schema';
import { attributionFor } from '../../src/map/attribution';

const carPark = (source: string) =>
  ({
    type: 'Feature',
    properties: { id: source, name: source, source },
    geometry: { type: 'Point', coordinates: [116.3, 40.05] },
  }) as unknown as AppFeature;

function data(carParkSources: string[]): LayerData {
  const layers = Object.fromEntries(
    LAYER_IDS.map((l) => [l, { type: 'FeatureCollection', features: [] }]),
  ) as unknown as LayerData['layers'];
  layers['car-parks'] = { type: 'FeatureCollection', features: carParkSources.map(carPark) };
  layers.parks = { type: 'FeatureCollection', features: [carPark('osm')] };
  return {
    layers,
    completeness: {},
    sources: {
      osm: {
        attribution: '© OpenStreetMap 贡献者',
        attribution_en: '© OpenStreetMap contributors',
      },
      'import-a': { attribution: '导入数据 · a.csv' },
      'import-b': { attribution: '导入数据 · b.csv' },
    },
  } as unknown as LayerData;
}

describe('the attribution of the visible layers', () => {
  it('names each source of the visible layers once, in the language asked for', () => {
    const shown = data(['import-a', 'osm', 'import-a']);
    expect(attributionFor(shown, ['car-parks'])).toEqual([
      '导入数据 · a.csv',
      '© OpenStreetMap 贡献者',
    ]);
    expect(attributionFor(shown, ['parks'], 'en')).toEqual(['© OpenStreetMap contributors']);
    expect(attributionFor(shown, [])).toEqual([]);
  });

  it('follows the data when a layer is composed again', () => {
    const before = data(['import-a']);
    expect(attributionFor(before, ['car-parks'])).toEqual(['导入数据 · a.csv']);
    // Another import replaced the first: a new collection, with its own sources.
    const after = data(['import-b']);
    expect(attributionFor(after, ['car-parks'])).toEqual(['导入数据 · b.csv']);
    expect(attributionFor(before, ['car-parks', 'parks'])).toEqual([
      '导入数据 · a.csv',
      '© OpenStreetMap 贡献者',
    ]);
  });
});
