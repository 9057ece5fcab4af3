import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { bridgedWorker } from './bridged_worker';
import { encodeFeatures } from '../../src/data/compact_features';

/**
 * The restore's worker writes the map's bytes of each dataset it checks, except for one of
 * points: that is drawn from point tiles, made from the chunks as they are. The real worker
 * module runs behind a stand-in for the browser's Worker that passes messages by structured
 * clone; the point tiles' worker, started alongside, is a stand-in that never answers.
 */
bridgedWorker(
  { 'import_record.worker': () => import('../../src/worker/import_record.worker') },
  { indexedDb: true },
);

const properties = (i: number) => ({
  id: `imp-r-${i}`,
  name: `设施${i}`,
  subdistrict: '回龙观街道',
  source: 'import-r',
  source_crs: 'WGS-84',
  accuracy: 'surveyed',
});

const carParks = (n: number): Feature[] =>
  Array.from({ length: n }, (_, i) => ({
    type: 'Feature',
    properties: { ...properties(i), kind: 'car-park', spaces: i % 90 },
    geometry: { type: 'Point', coordinates: [116.33 + (i % 1000) * 1e-5, 40.07] },
  }));

const parks = (n: number): Feature[] =>
  Array.from({ length: n }, (_, i) => {
    const [x, y] = [116.33 + (i % 100) * 1e-3, 40.07 + Math.floor(i / 100) * 1e-3];
    const ring = [
      [x, y],
      [x + 5e-4, y],
      [x + 5e-4, y + 5e-4],
      [x, y],
    ];
    return {
      type: 'Feature',
      properties: { ...properties(i), kind: 'park', area_m2: 1800, counts_as_park: true },
      geometry: { type: 'Polygon', coordinates: [ring] },
    };
  });

async function storeAndCheck(layer: 'car-parks' | 'parks', features: Feature[]) {
  const { putImportRecord } = await import('../../src/data/saved_work');
  const head = {
    id: 'r',
    fileName: 'r.geojson',
    mode: 'add' as const,
    crs: 'WGS-84' as const,
    importedAt: '2026-12-07T05:00:00.000Z',
  };
  await putImportRecord(head, [{ layer, features: encodeFeatures(features) }]);
  const { checkImport } = await import('../../src/worker/import_record_client');
  const { writtenText } = await import('../../src/data/layer_text');
  const { MAP_FEATURE_PROPERTIES } = await import('../../src/layers/catalog');
  const read = await checkImport('import:r');
  if (!read.ok) throw new Error(read.skipped.reason);
  const [dataset] = read.value;
  return {
    dataset: dataset!,
    written: await writtenText(dataset!.compact, MAP_FEATURE_PROPERTIES),
  };
}

describe('the map bytes the restore writes', () => {
  it('are none for a dataset of points, whose chunks come whole', async () => {
    const { dataset, written } = await storeAndCheck('car-parks', carParks(6_001));
    expect(written).toBeNull();
    expect(dataset.compact.count).toBe(6_001);
    expect(dataset.compact.chunks.every((c) => c.points?.length === 2 * c.count)).toBe(true);
  }, 60_000);

  it('hold every feature of a dataset of outlines', async () => {
    const { written } = await storeAndCheck('parks', parks(120));
    const { layerFromBytes } = (await import(
      '../../public/maplibre-layer-bytes.mjs' as string
    )) as {
      layerFromBytes: (buffer: ArrayBuffer) => { features: unknown[] };
    };
    expect(written).toBeInstanceOf(Blob);
    expect(layerFromBytes(await written!.arrayBuffer()).features).toHaveLength(120);
  }, 60_000);
});
