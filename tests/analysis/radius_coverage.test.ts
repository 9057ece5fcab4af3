import * as turf from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { parkServiceRadiusMeters } from '../../src/analysis/park_service_radius';
import { radiusCoverage, totalCoverage } from '../../src/analysis/radius_coverage';
import { serviceArea } from '../../src/analysis/service_area';

const ORIGIN = turf.point([116.33, 40.07]);

/** A rectangle given in metres east and north of ORIGIN. */
function createRectangle(
  westM: number,
  southM: number,
  eastM: number,
  northM: number,
  name = '',
): Feature<Polygon, { name: string }> {
  const x = (m: number) =>
    turf.destination(ORIGIN, Math.abs(m), m >= 0 ? 90 : -90, { units: 'meters' }).geometry
      .coordinates[0]!;
  const y = (m: number) =>
    turf.destination(ORIGIN, Math.abs(m), m >= 0 ? 0 : 180, { units: 'meters' }).geometry
      .coordinates[1]!;
  return turf.bboxPolygon([x(westM), y(southM), x(eastM), y(northM)], {
    properties: { name },
  }) as Feature<Polygon, { name: string }>;
}

const unit = createRectangle(-5000, -5000, 5000, 5000, '甲街道');

describe('parkServiceRadiusMeters', () => {
  it('gives 500 m from 5,000 m², 300 m from 2,000 m², nothing below', () => {
    expect(parkServiceRadiusMeters(5000)).toBe(500);
    expect(parkServiceRadiusMeters(4999)).toBe(300);
    expect(parkServiceRadiusMeters(2000)).toBe(300);
    expect(parkServiceRadiusMeters(1999)).toBeNull();
  });
});

describe('radiusCoverage', () => {
  // A long park whose east edge is at x = 0: its 500 m service area ends at x = 500 m.
  const longPark = createRectangle(-200, -3000, 0, 3000);

  it('covers half of a block that lies half inside the radius', () => {
    const block = createRectangle(400, -100, 600, 100);
    const [result] = radiusCoverage([unit], [block], [serviceArea(longPark, 500)]);
    expect(result!.residentialAreaM2).toBeCloseTo(40_000, -2);
    expect(result!.share).toBeCloseTo(0.5, 2);
  });

  it('does not count overlapping service areas twice', () => {
    const block = createRectangle(100, -100, 300, 100);
    const single = radiusCoverage([unit], [block], [serviceArea(longPark, 500)]);
    const doubled = radiusCoverage(
      [unit],
      [block],
      [serviceArea(longPark, 500), serviceArea(longPark, 500)],
    );
    expect(single[0]!.share).toBeCloseTo(1, 3);
    expect(doubled[0]!.coveredM2).toBeCloseTo(single[0]!.coveredM2, 0);
  });

  it('serves a 4,999 m² park to 300 m, not 500 m', () => {
    const small = createRectangle(-35.35, -35.35, 35.35, 35.35); // ≈ 4,998 m²
    expect(turf.area(small)).toBeLessThan(5000);
    const radius = parkServiceRadiusMeters(turf.area(small))!;
    expect(radius).toBe(300);
    // A block 400 m east of the park's edge is outside its 300 m radius.
    const block = createRectangle(400, -20, 440, 20);
    const [result] = radiusCoverage([unit], [block], [serviceArea(small, radius)]);
    expect(result!.coveredM2).toBe(0);
  });

  it('splits a block between the units it straddles, and the units add up to the whole', () => {
    const west = createRectangle(-5000, -5000, 0, 5000, '西');
    const east = createRectangle(0, -5000, 5000, 5000, '东');
    const block = createRectangle(-300, -100, 300, 100);
    const park = createRectangle(-1000, -3000, -900, 3000); // serves to x = -400 m … -500 m
    const results = radiusCoverage([west, east], [block], [serviceArea(park, 700)]);
    const whole = totalCoverage('全域', results);
    expect(results[0]!.residentialAreaM2).toBeCloseTo(60_000, -2);
    expect(results[1]!.residentialAreaM2).toBeCloseTo(60_000, -2);
    expect(results[1]!.coveredM2).toBe(0);
    expect(whole.coveredM2).toBeCloseTo(results[0]!.coveredM2 + results[1]!.coveredM2, 6);
    // Served to x = -200 m: 100 m of the block's 600 m width.
    expect(whole.share).toBeCloseTo(100 / 600, 2);
  });

  it('says "no residential land" as null, not as 0%', () => {
    const [result] = radiusCoverage([unit], [], [serviceArea(longPark, 500)]);
    expect(result!.share).toBeNull();
  });
});
