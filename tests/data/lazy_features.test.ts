import type { Feature } from 'geojson';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeFeatures } from '../../src/data/compact_features';
import { type ImportedDataset, composeLayerData } from '../../src/data/imported_data';
import { featureCount, packCollection } from '../../src/data/layer_text';
import { FeatureBuilder, defineLazyFeatures } from '../../src/data/lazy_features';
import { LAYER_IDS } from '../../src/data/layers';
import type { LayerData } from '../../src/data/load';
import type { AppFeature, AppFeatureCollection } from '../../src/data/schema';

afterEach(() => vi.resetModules());

/** Points, and outlines among them when asked (a chunk of those keeps its geometries as JSON). */
const features = (n: number, from = 0, outlines = false): Feature[] =>
  Array.from({ length: n }, (_, i) => ({
    type: 'Feature',
    properties: { id: `p${from + i}`, name: `停车场${from + i}`, spaces: i % 7 },
    geometry:
      outlines && i % 3 === 0
        ? {
            type: 'Polygon',
            coordinates: [
              [
                [116.3, 40.05],
                [116.31, 40.05],
                [116.31, 40.06],
                [116.3, 40.05],
              ],
            ],
          }
        : { type: 'Point', coordinates: [116.3 + i * 1e-5, 40.05 - i * 1e-6] },
  }));

describe('the features of a restored import, built when wanted', () => {
  it('are the features that were stored, in order, whether built at once or a chunk at a time', async () => {
    const stored = [...features(5_000), ...features(5_000, 5_000, true), ...features(17, 10_000)];
    const compact = encodeFeatures(stored);
    expect(compact.chunks.length).toBe(3);
    expect(new FeatureBuilder(compact).all()).toEqual(stored);

    const sliced = new FeatureBuilder(compact);
    await sliced.inSlices();
    expect(sliced.done).toBe(true);
    expect(sliced.all()).toEqual(stored);
  });

  it('build nothing until asked, and a read part-way builds the rest into the same list', () => {
    const stored = features(12_000);
    const builder = new FeatureBuilder(encodeFeatures(stored));
    expect(builder.done).toBe(false);
    expect(builder.step()).toBe(true);
    expect(builder.done).toBe(false);
    const all = builder.all();
    expect(all).toEqual(stored);
    expect(builder.done).toBe(true);
    expect(builder.step()).toBe(false);
    expect(builder.all()).toBe(all);
  });

  it('are a property read like any other: built at the first read only, the same list after', () => {
    const list = features(3);
    const build = vi.fn(() => list);
    const target = defineLazyFeatures({ type: 'FeatureCollection' }, build);
    expect(build).not.toHaveBeenCalled();
    expect(target.features).toBe(list);
    expect(target.features).toBe(list);
    expect(build).toHaveBeenCalledTimes(1);
    // Written, copied and cloned as a collection that always had them.
    expect(JSON.parse(JSON.stringify(target))).toEqual({
      type: 'FeatureCollection',
      features: list,
    });
    expect({ ...target }).toEqual({ type: 'FeatureCollection', features: list });
    expect(structuredClone(target)).toEqual({ type: 'FeatureCollection', features: list });
  });

  it('are built a chunk per task once the page is free, and not before', async () => {
    const { restoredFeatures, buildFeaturesFromNowOn } =
      await import('../../src/data/lazy_features');
    const stored = features(11_000);
    const builder = restoredFeatures(encodeFeatures(stored));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(builder.done).toBe(false);
    buildFeaturesFromNowOn();
    // One chunk per task: not all in the task that started them.
    expect(builder.done).toBe(false);
    await vi.waitFor(() => expect(builder.done).toBe(true));
    expect(builder.all()).toEqual(stored);
    // Restored from now on: built without waiting for anything.
    const later = restoredFeatures(encodeFeatures(features(4)));
    await vi.waitFor(() => expect(later.done).toBe(true));
  });
});

describe('a layer composed of a restored import', () => {
  const collection = (list: AppFeature[]): AppFeatureCollection => ({
    type: 'FeatureCollection',
    features: list,
  });
  const shipped = (): LayerData =>
    ({
      layers: Object.fromEntries(LAYER_IDS.map((l) => [l, collection([])])),
      completeness: {},
      sources: {},
      planTasks: { headings: [], tasks: [], targets: [] },
    }) as unknown as LayerData;

  it('is counted, drawn and analysed from its chunks, its features built only when read', () => {
    const data = shipped();
    const first = features(2, 900_000) as AppFeature[];
    data.layers['car-parks'] = collection(first);
    const stored = features(30_000) as AppFeature[];
    const compact = encodeFeatures(stored);
    const build = vi.fn(() => stored);
    const dataset = defineLazyFeatures(
      {
        id: 'a',
        fileName: 'a.csv',
        layer: 'car-parks',
        mode: 'add',
        crs: 'WGS-84',
        importedAt: '2026-12-01T00:00:00.000Z',
        compact,
        summary: {
          count: stored.length,
          unitCounts: new Map([['回龙观街道', stored.length]]),
          sources: [],
          allPoints: true,
        },
      } as Omit<ImportedDataset, 'features'>,
      build,
    );
    const composed = composeLayerData(data, [dataset]).layers['car-parks'];
    expect(featureCount(composed)).toBe(30_002);
    expect(packCollection(composed)).toEqual({
      packed: [{ features: first }, { compact }],
    });
    expect(build).not.toHaveBeenCalled();
    expect(composed.features).toEqual([...first, ...stored]);
    expect(build).toHaveBeenCalledTimes(1);
  });
});
