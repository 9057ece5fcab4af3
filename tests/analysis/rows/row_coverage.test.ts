import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { parkServiceRadiusMeters } from '../../../src/analysis/park_service_radius';
import {
  type FacilityReach,
  measureCoverage,
  prepareArea,
  reachRows,
  servedAndGapRows,
  totalCoverage,
} from '../../../src/analysis/rows/row_coverage';
import { rowsToPolygons } from '../../../src/analysis/rows/rows_to_polygons';
import { createPoint, createRectangle } from '../fixtures';

const unit = createRectangle(-5000, -5000, 5000, 5000, { name: '甲街道' });
const longPark = createRectangle(-200, -3000, 0, 3000); // east edge at x = 0
const reach = (feature: { geometry: FacilityReach['geometry'] }, radiusM: number) => ({
  geometry: feature.geometry,
  radiusM,
});

function coverage(
  units = [unit],
  blocks = [createRectangle(0, 0, 1, 1)],
  facilities: FacilityReach[] = [],
) {
  const prepared = prepareArea(units as never, blocks, 1);
  return measureCoverage(prepared, reachRows(prepared, facilities));
}

describe('row coverage, golden cases', () => {
  it('covers half of a block that lies half inside the radius', () => {
    const block = createRectangle(400, -100, 600, 100);
    const [result] = coverage([unit], [block], [reach(longPark, 500)]);
    expect(result!.residentialAreaM2).toBeCloseTo(turf.area(block), -2);
    expect(result!.share).toBeCloseTo(0.5, 2);
  });

  it('does not count overlapping service areas twice', () => {
    const block = createRectangle(100, -100, 300, 100);
    const [single] = coverage([unit], [block], [reach(longPark, 500)]);
    const [doubled] = coverage([unit], [block], [reach(longPark, 500), reach(longPark, 500)]);
    expect(single!.share).toBeCloseTo(1, 3);
    expect(doubled!.coveredM2).toBe(single!.coveredM2);
  });

  it('serves a 4,999 m² park to 300 m, not 500 m', () => {
    const small = createRectangle(-35.35, -35.35, 35.35, 35.35);
    expect(turf.area(small)).toBeLessThan(5000);
    const radius = parkServiceRadiusMeters(turf.area(small))!;
    expect(radius).toBe(300);
    const block = createRectangle(400, -20, 440, 20); // 365 m from the park's edge
    expect(coverage([unit], [block], [reach(small, radius)])[0]!.coveredM2).toBe(0);
    expect(coverage([unit], [block], [reach(small, 500)])[0]!.share).toBeCloseTo(1, 3);
  });

  it('measures a point facility as a disc', () => {
    const block = createRectangle(-1000, -1000, 1000, 1000);
    const [result] = coverage([unit], [block], [reach(createPoint(0, 0), 300)]);
    expect(result!.coveredM2 / (Math.PI * 300 ** 2)).toBeCloseTo(1, 2);
  });

  it('measures the rounded corner of a polygon reach', () => {
    // A block north-east of a square park's corner: only a quarter disc of radius 100 reaches it.
    const park = createRectangle(-100, -100, 0, 0);
    const block = createRectangle(0, 0, 300, 300);
    const [result] = coverage([unit], [block], [reach(park, 100)]);
    expect(result!.coveredM2 / ((Math.PI * 100 ** 2) / 4)).toBeCloseTo(1, 2);
  });

  it('splits a block between the units it straddles, and the units add up to the whole', () => {
    const west = createRectangle(-5000, -5000, 0, 5000, { name: '西' });
    const east = createRectangle(0, -5000, 5000, 5000, { name: '东' });
    const block = createRectangle(-300, -100, 300, 100);
    const park = createRectangle(-1000, -3000, -900, 3000); // reaches x = -200 m at 700 m
    const results = coverage([west, east], [block], [reach(park, 700)]);
    const whole = totalCoverage('全域', results);
    expect(results[0]!.residentialAreaM2).toBeCloseTo(turf.area(block) / 2, -2);
    expect(results[1]!.coveredM2).toBe(0);
    expect(whole.coveredM2).toBe(results[0]!.coveredM2 + results[1]!.coveredM2);
    expect(whole.share).toBeCloseTo(100 / 600, 2);
  });

  it('counts overlapping blocks once and leaves out a courtyard', () => {
    // Two 200 × 200 m blocks overlapping in a 100 × 200 m strip: 300 × 200 m of land. A third
    // block is a 200 × 200 m ring around a 100 × 100 m courtyard (a hole): 30,000 m².
    const a = createRectangle(0, 0, 200, 200);
    const b = createRectangle(100, 0, 300, 200);
    const outer = createRectangle(1000, 0, 1200, 200).geometry.coordinates[0]!;
    const hole = createRectangle(1050, 50, 1150, 150).geometry.coordinates[0]!.slice().reverse();
    const courtyard = { ...a, geometry: { type: 'Polygon' as const, coordinates: [outer, hole] } };
    const [both] = coverage([unit], [a, b]);
    const [ring] = coverage([unit], [courtyard]);
    expect(both!.residentialAreaM2 / 60_000).toBeCloseTo(1, 2);
    expect(ring!.residentialAreaM2 / 30_000).toBeCloseTo(1, 2);
  });

  it('says "no residential land" as null, not as 0%', () => {
    const [result] = coverage(
      [unit],
      [createRectangle(6000, 6000, 6100, 6100)],
      [reach(longPark, 500)],
    );
    expect(result!.residentialAreaM2).toBe(0);
    expect(result!.share).toBeNull();
  });
});

describe('gap and served polygons', () => {
  it('draws the gaps and the served land with the measured areas', () => {
    const blocks = [createRectangle(400, -100, 600, 100), createRectangle(-50, 500, 50, 900)];
    const prepared = prepareArea([unit] as never, blocks, 1);
    const rows = reachRows(prepared, [reach(longPark, 500)]);
    const [measured] = measureCoverage(prepared, rows);
    const { served, gaps } = servedAndGapRows(prepared, rows);
    const area = (rowsOf: typeof served) =>
      rowsToPolygons(rowsOf, prepared.grid, prepared.projection).reduce(
        (sum, polygon) => sum + turf.area(turf.polygon(polygon)),
        0,
      );
    expect(area(served) / measured!.coveredM2).toBeCloseTo(1, 2);
    expect(area(gaps) / (measured!.residentialAreaM2 - measured!.coveredM2)).toBeCloseTo(1, 2);
  });
});
