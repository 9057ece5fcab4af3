import { describe, expect, it } from 'vitest';
import { coverageInputs } from '../../src/analysis/coverage_inputs';
import { encodeFeatures } from '../../src/data/compact_features';
import { type ImportedDataset, composeLayerData } from '../../src/data/imported_data';
import { LAYER_IDS } from '../../src/data/layers';
import type { LayerData } from '../../src/data/load';
import type { AppFeature } from '../../src/data/schema';
import { movableInputs, unpackInputs } from '../../src/worker/packed_inputs';
import { createLayerFeature } from '../data/layer-features';

function withCarParks(count: number): LayerData {
  const layers = Object.fromEntries(
    LAYER_IDS.map((l) => [l, { type: 'FeatureCollection', features: [] }]),
  ) as unknown as LayerData['layers'];
  layers.parks = {
    type: 'FeatureCollection',
    features: [createLayerFeature('parks', 'park-1') as AppFeature],
  };
  const shipped: LayerData = {
    layers,
    completeness: {},
    sources: {},
    planTasks: { headings: [], tasks: [], targets: [] } as unknown as LayerData['planTasks'],
  };
  const features = Array.from(
    { length: count },
    (_, i) => createLayerFeature('car-parks', `p-${i}`, { name: `停车场${i}` }) as AppFeature,
  );
  const dataset: ImportedDataset = {
    id: 'p',
    fileName: 'p.csv',
    layer: 'car-parks',
    mode: 'add',
    crs: 'WGS-84',
    importedAt: '2026-12-07T00:00:00.000Z',
    features,
    compact: encodeFeatures(features),
  };
  return composeLayerData(shipped, [dataset]);
}

describe('the analysis data as its worker is sent it', () => {
  it('moves copies of the chunks, and the worker reads every feature the page has', async () => {
    const data = withCarParks(25_000);
    const kept = structuredClone(data.layers['car-parks'].features);
    const { packed, transfer } = await movableInputs(coverageInputs(data));
    // Five chunks of points: their positions and properties, each in a buffer of its own.
    expect(transfer).toHaveLength(10);
    // As postMessage moves them: the copies go, the page's chunks stay.
    const received = unpackInputs(structuredClone(packed, { transfer }));
    expect(transfer.every((buffer) => buffer.byteLength === 0)).toBe(true);
    expect(received.carParks!.features).toEqual(kept);
    expect(received.parks).toEqual(data.layers.parks);
    // The page's chunks are whole: copied again for the next worker.
    expect((await movableInputs(coverageInputs(data))).transfer).toHaveLength(10);
  });
});
