import { describe, expect, it } from 'vitest';
import { type BlockSite, nearestFacilities } from '../../src/analysis/nearest_facility';
import type { PlanarShape } from '../../src/analysis/planar_shape';

/** A small deterministic generator, so failures can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const point = (x: number, y: number): PlanarShape => ({
  points: [x, y],
  paths: [],
  rings: [],
  bbox: [x, y, x, y],
});

/** A square lot, side `side` metres, south-west corner at (x, y). */
const square = (x: number, y: number, side: number): PlanarShape => ({
  points: [],
  paths: [],
  rings: [[x, y, x + side, y, x + side, y + side, x, y + side, x, y]],
  bbox: [x, y, x + side, y + side],
});

/** Straight-line distance to an axis-aligned square or a point: 0 inside, else to the edge. */
function distanceByHand(shape: PlanarShape, x: number, y: number) {
  const [minX, minY, maxX, maxY] = shape.bbox;
  return Math.hypot(Math.max(minX - x, 0, x - maxX), Math.max(minY - y, 0, y - maxY));
}

function sitesAndFacilities(count: number, seed: number) {
  const next = random(seed);
  const facilities: PlanarShape[] = [];
  for (let i = 0; i < count; i++) {
    const x = next() * 8000;
    const y = next() * 5000;
    if (i % 10 === 0) facilities.push(square(x, y, 20 + next() * 100));
    else if (i % 97 === 0)
      facilities.push(point(facilities[i - 1]!.bbox[0], facilities[i - 1]!.bbox[1]));
    else facilities.push(point(x, y));
  }
  // Every 97th facility repeats the one before it; some sites sit exactly on such a pair,
  // where the two are equally near.
  const pairs = Math.floor((count - 1) / 97);
  const sites: BlockSite[] = Array.from({ length: 400 }, (_, i) => {
    const onPair = facilities[97 * (1 + ((i / 50) % pairs))]!;
    return {
      id: `b${i}`,
      unit: null,
      areaM2: 1,
      centre: i % 50 === 0 ? [onPair.bbox[0], onPair.bbox[1]] : [next() * 8000, next() * 5000],
    };
  });
  return { sites, facilities };
}

describe('nearest facility of each block', () => {
  for (const count of [300, 5000]) {
    it(`is the nearest of ${count} car parks and lots, the first of equally near ones`, () => {
      const { sites, facilities } = sitesAndFacilities(count, count);
      const found = nearestFacilities(sites, facilities);
      sites.forEach(({ centre: [x, y] }, s) => {
        let index = -1;
        let distanceM = Infinity;
        facilities.forEach((f, i) => {
          const d = distanceByHand(f, x, y);
          if (d < distanceM) {
            distanceM = d;
            index = i;
          }
        });
        expect(found[s]!.index).toBe(index);
        expect(found[s]!.distanceM).toBeCloseTo(distanceM, 9);
      });
    });
  }
});
