import { describe, expect, it } from 'vitest';
import { encodeFeatures } from '../../src/data/compact_features';
import { type ImportedDataset, composeLayerData } from '../../src/data/imported_data';
import {
  LAYER_BYTES_TYPE,
  featuresBytes,
  featuresBytesBlob,
  layerBytes,
  layerBytesPieces,
  layerGeoJsonText,
  layerTextParts,
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

/** The reader MapLibre's workers run on a layer's bytes (public/, plain JavaScript). */
const reader = import('../../public/maplibre-layer-bytes.mjs' as string) as Promise<{
  LAYER_BYTES_TYPE: string;
  layerFromBytes: (buffer: ArrayBuffer) => { type: string; features: unknown[] };
}>;

async function readBytes(blob: Blob) {
  const { layerFromBytes } = await reader;
  return layerFromBytes(await blob.arrayBuffer());
}

/** A feature as the map gets it: only the properties kept that it has. */
const slim = (feature: AppFeature, keep: readonly string[]) => ({
  type: 'Feature',
  properties: Object.fromEntries(
    keep
      .filter((k) => k in feature.properties)
      .map((k) => [k, (feature.properties as Record<string, unknown>)[k]]),
  ),
  geometry: feature.geometry,
});

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

describe('the bytes of a layer', () => {
  it('hold points, outlines and the shipped features in order, with the properties kept', async () => {
    const shipped = shippedData([createLayerFeature('parks', 'park-1') as AppFeature]);
    const points = dataset('a', 'car-parks', 7_001, true);
    const outlines = dataset('b', 'parks', 3, true);
    const data = composeLayerData(shipped, [points, outlines]);
    const keep = ['id', 'name', 'level'];
    for (const layer of ['car-parks', 'parks'] as const) {
      const collection = data.layers[layer];
      const blob = new Blob(layerBytes(layerTextParts(collection)!, keep));
      const read = await readBytes(blob);
      expect(read.type).toBe('FeatureCollection');
      expect(read.features).toEqual(collection.features.map((f) => slim(f, keep)));
    }
    // Every property when none are named.
    const all = await readBytes(new Blob(featuresBytes(points.features.slice(0, 3))));
    expect(all.features).toEqual(points.features.slice(0, 3));
  });

  it('are typed as the map reads them, and none for no features', async () => {
    const { LAYER_BYTES_TYPE: read } = await reader;
    expect(featuresBytesBlob([[]]).type).toBe(LAYER_BYTES_TYPE);
    expect(read).toBe(LAYER_BYTES_TYPE);
    expect(featuresBytes([])).toEqual([]);
    expect(await readBytes(featuresBytesBlob([]))).toEqual({
      type: 'FeatureCollection',
      features: [],
    });
  });

  it('are refused when cut short or when a piece does not hold what it says', async () => {
    const features = dataset('a', 'car-parks', 5, false).features;
    const bytes = new Uint8Array(await new Blob(featuresBytes(features)).arrayBuffer());
    const { layerFromBytes } = await reader;
    expect(() => layerFromBytes(bytes.slice(0, bytes.length - 8).buffer)).toThrow('cut short');
    expect(() => layerFromBytes(bytes.slice(0, 12).buffer)).toThrow('cut short');
    const wrongCount = bytes.slice();
    new Uint32Array(wrongCount.buffer, 0, 4)[1] = 4;
    expect(() => layerFromBytes(wrongCount.buffer)).toThrow('does not hold');
  });
});

describe('the bytes of a layer whose imports were written beforehand', () => {
  it('join the written bytes with the shipped features into the same collection', async () => {
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
        featuresBytesBlob([d.features.slice(0, 5000), d.features.slice(5000)], keep),
      ]),
    );
    const collection = await readBytes(new Blob(layerBytesPieces(parts, written, keep)));
    const expected = [...shipped.layers.parks.features, ...imports.flatMap((d) => d.features)];
    expect(collection.features).toHaveLength(2 + 6_001 + 4);
    expect(collection.features).toEqual(expected.map((f) => slim(f, keep)));
  });

  it('is an empty collection when nothing is written', async () => {
    const shipped = shippedData([]);
    const empty = dataset('e', 'parks', 0, true);
    const data = composeLayerData(shipped, [empty]);
    const written = new Map([[empty.compact!, featuresBytesBlob([])]]);
    const pieces = layerBytesPieces(layerTextParts(data.layers.parks)!, written);
    expect(await readBytes(new Blob(pieces))).toEqual({ type: 'FeatureCollection', features: [] });
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
