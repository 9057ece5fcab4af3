/**
 * The incremental update against a full recomputation (reachRows + measureCoverage over the
 * edited facility list), on random fixtures and on the shipped data.
 */
import fc from 'fast-check';
import type { Feature, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_COVERAGE_PARAMETERS,
  prepareCoverage,
} from '../../../src/analysis/coverage_report';
import {
  type CoverageBaseline,
  type CoverageUpdate,
  type IdentifiedReach,
  baselineCoverage,
  createBaseline,
  updateCoverage,
} from '../../../src/analysis/rows/incremental_coverage';
import {
  type Intervals,
  intersectIntervals,
  intervalsLength,
  subtractIntervals,
} from '../../../src/analysis/rows/intervals';
import {
  type FacilityReach,
  type PreparedArea,
  measureCoverage,
  prepareArea,
  reachRows,
  totalCoverage,
} from '../../../src/analysis/rows/row_coverage';
import { parkReaches } from '../../../src/analysis/scenario_run';
import { createPoint, createRectangle } from '../fixtures';
import { loadShippedLayer as load } from '../../shipped_layer';

/** The full recomputation, and the per-row change it implies. */
function fullRecomputation(
  area: PreparedArea,
  before: FacilityReach[],
  after: FacilityReach[],
  wholeName = '全域',
) {
  const reachBefore = reachRows(area, before);
  const reachAfter = reachRows(area, after);
  const perUnit = measureCoverage(area, reachAfter);
  const gainedLength: number[] = [];
  const lostLength: number[] = [];
  area.residentialRows.forEach((land, k) => {
    if (!land) return;
    const b = reachBefore[k] ?? [];
    const a = reachAfter[k] ?? [];
    gainedLength[k] = intervalsLength(intersectIntervals(land, subtractIntervals(a, b)));
    lostLength[k] = intervalsLength(intersectIntervals(land, subtractIntervals(b, a)));
  });
  return { coverage: [...perUnit, totalCoverage(wholeName, perUnit)], gainedLength, lostLength };
}

function expectSameAsFull(
  area: PreparedArea,
  update: CoverageUpdate,
  full: ReturnType<typeof fullRecomputation>,
) {
  const tolerance = 1e-6;
  expect(update.coverage.map((c) => c.name)).toEqual(full.coverage.map((c) => c.name));
  update.coverage.forEach((c, i) => {
    const f = full.coverage[i]!;
    expect(c.residentialAreaM2).toBe(f.residentialAreaM2);
    expect(Math.abs(c.coveredM2 - f.coveredM2)).toBeLessThan(tolerance * (1 + f.coveredM2));
    if (f.share === null) expect(c.share).toBeNull();
    else expect(Math.abs(c.share! - f.share)).toBeLessThan(1e-9);
  });
  const length = (rows: (Intervals | undefined)[], k: number) => intervalsLength(rows[k] ?? []);
  area.residentialRows.forEach((land, k) => {
    if (!land) return;
    expect(Math.abs(length(update.newlyServed, k) - full.gainedLength[k]!)).toBeLessThan(1e-6);
    expect(Math.abs(length(update.lostService, k) - full.lostLength[k]!)).toBeLessThan(1e-6);
  });
}

const units = [
  createRectangle(-2500, -2500, 0, 2500, { name: '西' }),
  createRectangle(0, -2500, 2500, 2500, { name: '东' }),
];
const blocks = fc
  .uniqueArray(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })), {
    minLength: 1,
    maxLength: 20,
    selector: ([i, j]) => `${i},${j}`,
  })
  .map((cells) =>
    cells.map(([i, j]) =>
      createRectangle(-2000 + i * 400, -2000 + j * 400, -1700 + i * 400, -1700 + j * 400),
    ),
  );
/** A park (rectangle) or a school (point), with its own radius. */
const facility = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: -2200, max: 2000 }),
      fc.integer({ min: -2200, max: 2000 }),
      fc.integer({ min: 10, max: 300 }),
      fc.integer({ min: 10, max: 300 }),
      fc.integer({ min: 50, max: 800 }),
    )
    .map(([w, s, width, height, radiusM]) => ({
      geometry: createRectangle(w, s, w + width, s + height).geometry as Geometry,
      radiusM,
    })),
  fc
    .tuple(
      fc.integer({ min: -2200, max: 2200 }),
      fc.integer({ min: -2200, max: 2200 }),
      fc.integer({ min: 50, max: 800 }),
    )
    .map(([x, y, radiusM]) => ({ geometry: createPoint(x, y).geometry as Geometry, radiusM })),
);

describe('incremental coverage', () => {
  it('equals a full recomputation after random adds and removes (fixtures)', () => {
    fc.assert(
      fc.property(
        blocks,
        fc.array(fc.tuple(facility, fc.boolean()), { maxLength: 12 }),
        fc.array(facility, { maxLength: 4 }),
        fc.boolean(),
        (b, existing, added, twice) => {
          const area = prepareArea(units as never, b as Feature<Geometry>[], 8);
          // Some facilities share an id (one school serving two levels is one id).
          const facilities: IdentifiedReach[] = existing.map(([f], i) => ({
            ...f,
            id: twice && i % 3 === 2 ? `f${i - 1}` : `f${i}`,
          }));
          const removedIds = [
            ...new Set(facilities.filter((_, i) => existing[i]![1]).map((f) => f.id)),
          ];
          const baseline = createBaseline(area, facilities, '全域');
          const before = facilities;
          const after = [...facilities.filter((f) => !removedIds.includes(f.id)), ...added];
          const update = updateCoverage(baseline, {
            added,
            removedIds: [...removedIds, 'unknown'],
          });
          expectSameAsFull(area, update, fullRecomputation(area, before, after));
        },
      ),
      { numRuns: 150, seed: 17 },
    );
  });

  it('a baseline is the full computation, and an empty change leaves it', () => {
    const area = prepareArea(units as never, [createRectangle(-300, -300, 300, 300)], 4);
    const facilities = [{ id: 'a', geometry: createPoint(0, 0).geometry, radiusM: 200 }];
    const baseline = createBaseline(area, facilities, '全域');
    const full = measureCoverage(area, reachRows(area, facilities));
    expect(baselineCoverage(baseline).slice(0, 2)).toEqual(full);
    const update = updateCoverage(baseline, { added: [], removedIds: [] });
    expect(update.coverage).toEqual(baselineCoverage(baseline));
    expect(update.affectedRows).toBe(0);
    expect(update.newlyServed.filter(Boolean)).toEqual([]);
  });
});

describe('incremental coverage on the real data', () => {
  it('equals a full recomputation after random park adds and removes', () => {
    const inputs = {
      subdistricts: load('subdistricts'),
      residential: load('residential'),
      parks: load('parks'),
    };
    const prepared = prepareCoverage(inputs);
    const area = prepared.area;
    const facilities = parkReaches(inputs, DEFAULT_COVERAGE_PARAMETERS);
    const baseline: CoverageBaseline = createBaseline(area, facilities, '回天地区');
    let seed = 5;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    // Added parks: copies of existing ones moved by up to ±1.5 km, with either radius.
    const moved = (f: IdentifiedReach, dx: number, dy: number): FacilityReach => ({
      geometry: shiftGeometry(f.geometry, dx, dy),
      radiusM: random() < 0.5 ? 300 : 500,
    });
    for (let trial = 0; trial < 6; trial++) {
      const removedIds = facilities.filter(() => random() < 0.08).map((f) => f.id);
      const added = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
        moved(
          facilities[Math.floor(random() * facilities.length)]!,
          (random() - 0.5) * 0.035,
          (random() - 0.5) * 0.027,
        ),
      );
      const after = [...facilities.filter((f) => !removedIds.includes(f.id)), ...added];
      const update = updateCoverage(baseline, { added, removedIds });
      expect(update.removedCount).toBe(removedIds.length);
      expectSameAsFull(area, update, fullRecomputation(area, facilities, after, '回天地区'));
    }
  }, 60_000);
});

function shiftGeometry(geometry: Geometry, dLon: number, dLat: number): Geometry {
  const move = (c: unknown): unknown =>
    typeof (c as number[])[0] === 'number'
      ? [(c as number[])[0]! + dLon, (c as number[])[1]! + dLat]
      : (c as unknown[]).map(move);
  return {
    ...geometry,
    coordinates: move((geometry as { coordinates: unknown }).coordinates),
  } as Geometry;
}
