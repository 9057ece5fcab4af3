import { VectorTile } from '@mapbox/vector-tile';
import type { Feature, Point } from 'geojson';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import { encodeFeatures } from '../../src/data/compact_features';
import { PointTiles, pointChunksOf } from '../../src/data/point_tiles';
import { pointsTile } from '../../src/data/vector_tile';

/*
 * The tiles are read back with @mapbox/vector-tile, the reference reader of the format, and
 * positions checked against Web Mercator written out here from its definition: x = (lon + 180)
 * / 360 and y = (1 - ln(tan φ + sec φ) / π) / 2 of the world's square, times 2^z for the tile.
 */

const KEEP = ['id', 'name'];

function worldPixel(lon: number, lat: number, z: number): [number, number] {
  const phi = (lat * Math.PI) / 180;
  const x = ((lon + 180) / 360) * 2 ** z;
  const y = ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * 2 ** z;
  return [x, y];
}

function carPark(i: number, lon: number, lat: number): Feature<Point> {
  return {
    type: 'Feature',
    properties: { id: `p${i}`, name: `停车场${i}`, spaces: 20 + i, note: '=1+1' },
    geometry: { type: 'Point', coordinates: [lon, lat] },
  };
}

/** Car parks on a small grid over Huilongguan, in compact chunks as an import keeps them. */
function gridOfCarParks(side: number): Feature<Point>[] {
  const features: Feature<Point>[] = [];
  for (let i = 0; i < side * side; i++) {
    features.push(
      carPark(i, 116.3 + (0.1 * (i % side)) / side, 40.05 + (0.06 * Math.floor(i / side)) / side),
    );
  }
  return features;
}

function tilesOf(features: Feature<Point>[]): PointTiles {
  const chunks = pointChunksOf([{ compact: encodeFeatures(features) }]);
  if (!chunks) throw new Error('not points');
  return new PointTiles(chunks, KEEP);
}

interface Read {
  x: number;
  y: number;
  properties: Record<string, unknown>;
}

function read(bytes: Uint8Array): { features: Read[]; extent: number } {
  const layer = new VectorTile(new PbfReader(bytes)).layers.points;
  if (!layer) return { features: [], extent: 4096 };
  const features: Read[] = [];
  for (let i = 0; i < layer.length; i++) {
    const feature = layer.feature(i);
    expect(feature.type).toBe(1);
    const [[point]] = feature.loadGeometry() as unknown as [[{ x: number; y: number }]];
    features.push({ x: point.x, y: point.y, properties: feature.properties });
  }
  return { features, extent: layer.extent };
}

/** Every tile at zoom z that could hold a point of the features. */
function tilesCovering(features: Feature<Point>[], z: number): [number, number][] {
  const keys = new Set<string>();
  for (const f of features) {
    const [x, y] = worldPixel(f.geometry.coordinates[0]!, f.geometry.coordinates[1]!, z);
    keys.add(`${Math.floor(x)}/${Math.floor(y)}`);
  }
  return [...keys].map((k) => k.split('/').map(Number) as [number, number]);
}

describe('point tiles', () => {
  const features = gridOfCarParks(60);

  it.each([9, 11, 12, 13, 14])('at zoom %i hold every point once, in clusters or alone', (z) => {
    const tiles = tilesOf(features);
    let total = 0;
    let clusters = 0;
    for (const [x, y] of tilesCovering(features, z)) {
      for (const f of read(tiles.tile(z, x, y)).features) {
        if (f.properties.cluster === true) {
          clusters++;
          total += f.properties.point_count as number;
        } else total++;
      }
    }
    expect(total).toBe(features.length);
    expect(clusters).toBeGreaterThan(0);
  });

  it('put a cluster at the mean position of the points it stands for', () => {
    // Four car parks a few metres apart: one cluster below zoom 15.
    const near = [0, 1, 2, 3].map((i) => carPark(i, 116.33 + i * 1e-5, 40.07 + i * 1e-5));
    const z = 12;
    const [[x, y]] = tilesCovering(near, z) as [[number, number]];
    const { features: drawn, extent } = read(tilesOf(near).tile(z, x, y));
    expect(drawn).toHaveLength(1);
    expect(drawn[0]!.properties).toEqual({ cluster: true, point_count: 4 });
    const mean = near
      .map((f) => worldPixel(f.geometry.coordinates[0]!, f.geometry.coordinates[1]!, z))
      .reduce(([sx, sy], [px, py]) => [sx + px / 4, sy + py / 4], [0, 0]);
    expect(drawn[0]!.x).toBeCloseTo((mean[0] - x) * extent, -0.5);
    expect(drawn[0]!.y).toBeCloseTo((mean[1] - y) * extent, -0.5);
  });

  it('from zoom 15 draw each point alone, with only the properties the map reads', () => {
    const z = 15;
    const tiles = tilesOf(features);
    const seen = new Map<string, Read & { tile: [number, number] }>();
    let drawn = 0;
    for (const [x, y] of tilesCovering(features, z)) {
      for (const f of read(tiles.tile(z, x, y)).features) {
        expect(f.properties.cluster).toBeUndefined();
        seen.set(String(f.properties.id), { ...f, tile: [x, y] });
        drawn++;
      }
    }
    expect(seen.size).toBe(features.length);
    expect(drawn).toBe(features.length);
    const first = seen.get('p0')!;
    expect(first.properties).toEqual({ id: 'p0', name: '停车场0' });
    const [px, py] = worldPixel(116.3, 40.05, z);
    expect(first.tile).toEqual([Math.floor(px), Math.floor(py)]);
    expect(Math.abs(first.x - (px - first.tile[0]) * 4096)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(first.y - (py - first.tile[1]) * 4096)).toBeLessThanOrEqual(0.5);
  });

  it('give a point on the line between two tiles to the east and south one only', () => {
    // lon 0 and lat 0 are tile edges at every zoom.
    const edge = [carPark(0, 0, 0)];
    const tiles = tilesOf(edge);
    const z = 3;
    const half = 2 ** (z - 1);
    expect(read(tiles.tile(z, half, half)).features).toHaveLength(1);
    expect(read(tiles.tile(z, half - 1, half)).features).toHaveLength(0);
    expect(read(tiles.tile(z, half, half - 1)).features).toHaveLength(0);
    expect(read(tiles.tile(z, half - 1, half - 1)).features).toHaveLength(0);
  });

  it('leave a tile without points empty', () => {
    expect(tilesOf(features).tile(10, 0, 0).byteLength).toBe(0);
    expect(new PointTiles([], KEEP).tile(0, 0, 0).byteLength).toBe(0);
  });

  it('read the properties of older records, kept as text', () => {
    const compact = encodeFeatures([carPark(7, 116.31, 40.06)]);
    const chunk = compact.chunks[0]!;
    const text = new TextDecoder().decode(chunk.properties as Uint8Array);
    const chunks = pointChunksOf([
      { compact: { ...compact, chunks: [{ ...chunk, properties: text }] } },
    ]);
    const tiles = new PointTiles(chunks!, KEEP);
    const [[x, y]] = tilesCovering([carPark(7, 116.31, 40.06)], 16) as [[number, number]];
    expect(read(tiles.tile(16, x, y)).features[0]!.properties).toEqual({
      id: 'p7',
      name: '停车场7',
    });
  });

  it('take feature objects as well as compact chunks, and refuse a layer that is not all points', () => {
    const objects = [carPark(1, 116.32, 40.06), carPark(2, 116.33, 40.07)];
    const chunks = pointChunksOf([{ features: objects }, { compact: encodeFeatures(features) }]);
    expect(chunks?.reduce((n, p) => n + p.count, 0)).toBe(features.length + 2);
    const polygon: Feature = {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [116.3, 40],
            [116.4, 40],
            [116.4, 40.1],
            [116.3, 40],
          ],
        ],
      },
    };
    expect(pointChunksOf([{ features: [...objects, polygon] }])).toBeNull();
    expect(pointChunksOf([{ compact: encodeFeatures([polygon]) }])).toBeNull();
  });
});

describe('a vector tile of points', () => {
  it('keeps each value with its type, and leaves out those a tile cannot hold', () => {
    const bytes = pointsTile('points', 4096, [
      {
        x: 10,
        y: 4000,
        properties: { name: '停车场', open: true, spaces: 120, level: -2, share: 0.25, gone: null },
      },
      { x: 0, y: 0, properties: { name: '停车场', nested: { a: 1 } } },
    ]);
    const { features } = read(bytes);
    expect(features).toEqual([
      {
        x: 10,
        y: 4000,
        properties: { name: '停车场', open: true, spaces: 120, level: -2, share: 0.25 },
      },
      { x: 0, y: 0, properties: { name: '停车场' } },
    ]);
  });
});
