import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type FacilityReach,
  measureCoverage,
  prepareArea,
  reachRows,
  totalCoverage,
} from '../../../src/analysis/rows/row_coverage';
import { createRectangle } from '../fixtures';

/** A rectangle [west, south, width, height] in metres inside a 4 km square. */
const rectangle = fc.tuple(
  fc.integer({ min: -2000, max: 1800 }),
  fc.integer({ min: -2000, max: 1800 }),
  fc.integer({ min: 10, max: 200 }),
  fc.integer({ min: 10, max: 200 }),
);
const toFeature = ([w, s, width, height]: [number, number, number, number]) =>
  createRectangle(w, s, w + width, s + height);

const units = [
  createRectangle(-2500, -2500, 0, 2500, { name: '西' }),
  createRectangle(0, -2500, 2500, 2500, { name: '东' }),
];

// Non-overlapping blocks: one per cell of a 400 m grid.
const blocks = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })), {
    minLength: 1,
    maxLength: 20,
  })
  .map((cells) =>
    [...new Set(cells.map(([i, j]) => `${i},${j}`))].map((key) => {
      const [i, j] = key.split(',').map(Number);
      return createRectangle(
        -2000 + i! * 400,
        -2000 + j! * 400,
        -1700 + i! * 400,
        -1700 + j! * 400,
      );
    }),
  );
const parks = fc.array(rectangle, { minLength: 0, maxLength: 6 }).map((r) => r.map(toFeature));
const radius = fc.integer({ min: 50, max: 800 });

function coverageOf(blockFeatures: ReturnType<typeof toFeature>[], facilities: FacilityReach[]) {
  const prepared = prepareArea(units as never, blockFeatures, 8);
  return measureCoverage(prepared, reachRows(prepared, facilities));
}

const settings = { numRuns: 25, seed: 3 };

describe('coverage properties', () => {
  it('is a share between 0 and 1, and the units add up to the whole', () => {
    fc.assert(
      fc.property(blocks, parks, radius, (b, p, r) => {
        const perUnit = coverageOf(
          b,
          p.map((park) => ({ geometry: park.geometry, radiusM: r })),
        );
        for (const unit of perUnit) {
          if (unit.share !== null) {
            expect(unit.share).toBeGreaterThanOrEqual(0);
            expect(unit.share).toBeLessThanOrEqual(1 + 1e-12);
          }
        }
        const whole = totalCoverage('全域', perUnit);
        expect(whole.coveredM2).toBeCloseTo(perUnit[0]!.coveredM2 + perUnit[1]!.coveredM2, 6);
        expect(whole.residentialAreaM2).toBeGreaterThan(0);
      }),
      settings,
    );
  });

  it('grows when a radius grows', () => {
    fc.assert(
      fc.property(blocks, parks, radius, radius, (b, p, r1, r2) => {
        const [small, large] = [Math.min(r1, r2), Math.max(r1, r2)];
        const at = (r: number) =>
          totalCoverage(
            '',
            coverageOf(
              b,
              p.map((park) => ({ geometry: park.geometry, radiusM: r })),
            ),
          ).coveredM2;
        expect(at(large)).toBeGreaterThanOrEqual(at(small) - 1e-6);
      }),
      settings,
    );
  });

  it('grows when a park is added', () => {
    fc.assert(
      fc.property(blocks, parks, rectangle, radius, (b, p, extra, r) => {
        const facilities = p.map((park) => ({ geometry: park.geometry, radiusM: r }));
        const before = totalCoverage('', coverageOf(b, facilities)).coveredM2;
        const after = totalCoverage(
          '',
          coverageOf(b, [...facilities, { geometry: toFeature(extra).geometry, radiusM: r }]),
        ).coveredM2;
        expect(after).toBeGreaterThanOrEqual(before - 1e-6);
      }),
      settings,
    );
  });
});
