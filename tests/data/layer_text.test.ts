import { describe, expect, it } from 'vitest';
import { encodeFeatures } from '../../src/data/compact_features';
import { type ImportedDataset, composeLayerData } from '../../src/data/imported_data';
import {
  featuresTextBlob,
  layerGeoJsonText,
  layerTextParts,
  layerTextPieces,
  packCollection,
  unpackCollection,
} from '../../src/data/layer_text';
import { LAYER_IDS } from '../../src/data/layers';
import type { LayerData } from '../../src/data/load';
import type { AppFeature } from '../../src/data/schema';
import { createLayerFeature } from './layer-features';

function shippedData(parks: AppFeature[]): LayerData {
  const layers = Object.fromEntries(
    LAYER_IDS.map((l) => [l, { type: 'FeatureCollection', features: [] }]),
  ) as unknown as LayerData['layers'];
  layers.parks = { type: 'FeatureCollection', features: parks };
  return {
    layers,
    completeness: {},
    sources: {},
    planTasks: { headings: [], tasks: [], targets: [] } as unknown as LayerData['planTasks'],
  };
}

function dataset(id: string, layer: 'parks' | 'car-parks', count: number, compact: boolean) {
  const features = Array.from(
    { length: count },
    (_, i) => createLayerFeature(layer, `${id}-${i}`, { name: `名称 "${i}"\n,` }) as AppFeature,
  );
  const d: ImportedDataset = {
    id,
    fileName: `${id}.geojson`,
    layer,
    mode: 'add',
    crs: 'WGS-84',
    importedAt: '2026-11-29T08:00:00.000Z',
    features,
  };
  return compact ? { ...d, compact: encodeFeatures(features) } : d;
}

const parsed = (text: string[]) => JSON.parse(text.join('')) as unknown;

describe('the GeoJSON text of a composed layer', () => {
  it('holds the shipped and imported features in the order the app has them', () => {
    const shipped = shippedData([createLayerFeature('parks', 'park-1') as AppFeature]);
    // Over one chunk of points, polygons in compact form, and an import kept only as objects.
    const imports = [
      dataset('a', 'car-parks', 12_345, true),
      dataset('b', 'parks', 3, true),
      dataset('c', 'parks', 2, false),
    ];
    const data = composeLayerData(shipped, imports);
    for (const layer of ['car-parks', 'parks'] as const) {
      const collection = data.layers[layer];
      const text = layerGeoJsonText(layerTextParts(collection)!);
      expect(parsed(text)).toEqual({ type: 'FeatureCollection', features: collection.features });
    }
    expect(data.layers.parks.features).toHaveLength(6);
    expect(data.layers['car-parks'].features).toHaveLength(12_345);
  });

  it('carries only the properties asked for, when asked, and every geometry whole', () => {
    const shipped = shippedData([createLayerFeature('parks', 'park-1') as AppFeature]);
    const data = composeLayerData(shipped, [
      dataset('a', 'car-parks', 7_000, true),
      dataset('c', 'car-parks', 2, false),
    ]);
    const collection = data.layers['car-parks'];
    const text = layerGeoJsonText(layerTextParts(collection)!, ['id', 'name', 'level']);
    const written = parsed(text) as { features: { properties: object; geometry: unknown }[] };
    expect(written.features).toHaveLength(7_002);
    written.features.forEach((feature, i) => {
      const original = collection.features[i]!;
      // Car parks have no level: a property the feature lacks is not written.
      expect(feature.properties).toEqual({
        id: original.properties.id,
        name: original.properties.name,
      });
      expect(feature.geometry).toEqual(original.geometry);
    });
    expect(Object.keys(collection.features[0]!.properties).length).toBeGreaterThan(2);
  });

  it('is an empty collection when a replacing import leaves nothing before it', () => {
    const shipped = shippedData([createLayerFeature('parks', 'park-1') as AppFeature]);
    const empty = { ...dataset('e', 'parks', 0, true), mode: 'replace' as const };
    const data = composeLayerData(shipped, [empty]);
    const text = layerGeoJsonText(layerTextParts(data.layers.parks)!);
    expect(parsed(text)).toEqual({ type: 'FeatureCollection', features: [] });
  });
});

describe('the text of a layer whose imports were written beforehand', () => {
  it('joins the written texts with the shipped features into the same collection', async () => {
    const shipped = shippedData([
      createLayerFeature('parks', 'park-1') as AppFeature,
      createLayerFeature('parks', 'park-2') as AppFeature,
    ]);
    const imports = [
      dataset('a', 'parks', 6_001, true),
      dataset('e', 'parks', 0, true),
      dataset('b', 'parks', 4, true),
    ];
    const data = composeLayerData(shipped, imports);
    const parts = layerTextParts(data.layers.parks)!;
    const keep = ['id', 'name'];
    // What a worker writes from the checked features, as it met them: a chunk at a time.
    const written = new Map(
      imports.map((d) => [
        d.compact!,
        featuresTextBlob([d.features.slice(0, 5000), d.features.slice(5000)], keep),
      ]),
    );
    const text = await new Blob(layerTextPieces(parts, written, keep)).text();
    const collection = JSON.parse(text) as { type: string; features: AppFeature[] };
    expect(collection.type).toBe('FeatureCollection');
    const expected = [...shipped.layers.parks.features, ...imports.flatMap((d) => d.features)];
    expect(collection.features).toHaveLength(2 + 6_001 + 4);
    collection.features.forEach((feature, i) => {
      const original = expected[i]!;
      expect(feature).toEqual({
        type: 'Feature',
        properties: { id: original.properties.id, name: original.properties.name },
        geometry: original.geometry,
      });
    });
  });

  it('is an empty collection when nothing is written', async () => {
    const shipped = shippedData([]);
    const empty = dataset('e', 'parks', 0, true);
    const data = composeLayerData(shipped, [empty]);
    const written = new Map([[empty.compact!, featuresTextBlob([])]]);
    const text = await new Blob(
      layerTextPieces(layerTextParts(data.layers.parks)!, written),
    ).text();
    expect(JSON.parse(text)).toEqual({ type: 'FeatureCollection', features: [] });
  });
});

describe('a layer sent to a worker', () => {
  it('goes as its compact pieces when large, and comes out with the same features', () => {
    const shipped = shippedData([createLayerFeature('parks', 'park-1') as AppFeature]);
    const data = composeLayerData(shipped, [dataset('a', 'car-parks', 25_000, true)]);
    const packed = packCollection(data.layers['car-parks']);
    expect('packed' in packed).toBe(true);
    // A structured clone, as postMessage makes, carries it whole.
    const received = unpackCollection(structuredClone(packed));
    expect(received).toEqual({
      type: 'FeatureCollection',
      features: data.layers['car-parks'].features,
    });
  });

  it('goes as it is when small', () => {
    const shipped = shippedData([createLayerFeature('parks', 'park-1') as AppFeature]);
    const data = composeLayerData(shipped, [dataset('b', 'parks', 3, true)]);
    expect(packCollection(data.layers.parks)).toBe(data.layers.parks);
  });
});
