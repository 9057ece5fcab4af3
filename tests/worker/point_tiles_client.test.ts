import { VectorTile } from '@mapbox/vector-tile';
import type { Feature } from 'geojson';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import { bridgedWorker } from './bridged_worker';
import { encodeFeatures } from '../../src/data/compact_features';
import { pointChunksOf } from '../../src/data/point_tiles';

/**
 * The point tiles' worker as the page asks it. The real worker module runs behind a stand-in
 * for the browser's Worker that passes messages by structured clone; each stand-in loads the
 * module afresh, as a new worker would, and one can be made to fail as a worker ended by the
 * browser does.
 */
const BridgedWorker = bridgedWorker(
  { 'point_tiles.worker': () => import('../../src/worker/point_tiles.worker') },
  { fresh: true },
);

const carParks = (n: number): Feature[] =>
  Array.from({ length: n }, (_, i) => ({
    type: 'Feature',
    properties: { id: `p${i}`, name: `停车场${i}`, spaces: i },
    geometry: { type: 'Point', coordinates: [116.33 + (i % 100) * 1e-4, 40.07] },
  }));

/** The tile's points: clusters count as the points they stand for. */
function pointsIn(tile: ArrayBuffer): number {
  const layer = new VectorTile(new PbfReader(new Uint8Array(tile))).layers.points;
  let n = 0;
  for (let i = 0; i < (layer?.length ?? 0); i++) {
    n += (layer!.feature(i).properties.point_count as number | undefined) ?? 1;
  }
  return n;
}

async function client() {
  return import('../../src/worker/point_tiles_client');
}

describe('the point tiles worker', () => {
  it('makes the tiles of a loaded layer, and forgets it when told to', async () => {
    const { loadPointLayer, pointTile, dropPointLayer } = await client();
    const chunks = pointChunksOf([{ compact: encodeFeatures(carParks(7_000)) }])!;
    expect(await loadPointLayer(1, chunks, ['id', 'name'])).toBe(7_000);
    // Zoom 8: the whole layer in one tile.
    const [x, y] = [Math.floor(((116.33 + 180) / 360) * 256), 96];
    expect(pointsIn(await pointTile(1, 8, x, y))).toBe(7_000);
    await dropPointLayer(1);
    await expect(pointTile(1, 8, x, y)).rejects.toThrow();
  });

  it('loads a layer again into a worker started after the first failed', async () => {
    const { loadPointLayer, pointTile } = await client();
    const chunks = pointChunksOf([{ compact: encodeFeatures(carParks(300)) }])!;
    await loadPointLayer(2, chunks, ['id', 'name']);
    BridgedWorker.made[0]!.failing = true;
    const [x, y] = [Math.floor(((116.33 + 180) / 360) * 256), 96];
    await expect(pointTile(2, 8, x, y)).rejects.toThrow('out of memory');
    expect(pointsIn(await pointTile(2, 8, x, y))).toBe(300);
    expect(BridgedWorker.made).toHaveLength(2);
    expect(BridgedWorker.made[1]!.received.map((r) => r.kind)).toEqual(['tile', 'load', 'tile']);
  });
});
