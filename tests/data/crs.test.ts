import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import gcoord from 'gcoord';
import type { FeatureCollection, Point } from 'geojson';
import { describe, expect, it } from 'vitest';
import { toWgs84 } from '../../src/data/crs';

/** Reference positions from the geo-sources README (OpenStreetMap, WGS-84). */
const REFERENCE_STATIONS: { name: string; wgs84: [number, number] }[] = [
  { name: '天通苑', wgs84: [116.4066, 40.0738] },
  { name: '回龙观', wgs84: [116.3298, 40.0695] },
];

const MAX_ROUND_TRIP_METERS = 30;

function distanceMeters(a: readonly [number, number], b: readonly [number, number]): number {
  return turf.distance([a[0], a[1]], [b[0], b[1]], { units: 'meters' });
}

function forward(
  position: [number, number],
  to: typeof gcoord.GCJ02 | typeof gcoord.BD09,
): [number, number] {
  const [lon, lat] = gcoord.transform(position, gcoord.WGS84, to);
  return [lon, lat];
}

describe('toWgs84', () => {
  it.each(REFERENCE_STATIONS)('leaves a WGS-84 position of $name unchanged', ({ wgs84 }) => {
    expect(toWgs84(wgs84, 'WGS-84')).toEqual(wgs84);
  });

  it.each(REFERENCE_STATIONS)(
    'brings a GCJ-02 position of $name back to within 30 m of WGS-84',
    ({ wgs84 }) => {
      const gcj02 = forward(wgs84, gcoord.GCJ02);
      expect(distanceMeters(toWgs84(gcj02, 'GCJ-02'), wgs84)).toBeLessThanOrEqual(
        MAX_ROUND_TRIP_METERS,
      );
    },
  );

  it.each(REFERENCE_STATIONS)(
    'brings a BD-09 position of $name back to within 30 m of WGS-84',
    ({ wgs84 }) => {
      const bd09 = forward(wgs84, gcoord.BD09);
      expect(distanceMeters(toWgs84(bd09, 'BD-09'), wgs84)).toBeLessThanOrEqual(
        MAX_ROUND_TRIP_METERS,
      );
    },
  );

  it.each(REFERENCE_STATIONS)(
    'works on a GCJ-02 position of $name that is really 500–700 m off (conversion is not a no-op)',
    ({ wgs84 }) => {
      const gcj02 = forward(wgs84, gcoord.GCJ02);
      const offset = distanceMeters(gcj02, wgs84);
      expect(offset).toBeGreaterThan(500);
      expect(offset).toBeLessThan(700);
      // The documented offset near here: about +0.0061° lon, +0.0013° lat.
      expect(gcj02[0] - wgs84[0]).toBeCloseTo(0.0061, 3);
      expect(gcj02[1] - wgs84[1]).toBeCloseTo(0.0013, 3);
      // And the conversion moves the position by that much again.
      expect(distanceMeters(toWgs84(gcj02, 'GCJ-02'), gcj02)).toBeGreaterThan(500);
    },
  );

  it.each(REFERENCE_STATIONS)(
    'works on a BD-09 position of $name that is further off than GCJ-02',
    ({ wgs84 }) => {
      const gcj02 = forward(wgs84, gcoord.GCJ02);
      const bd09 = forward(wgs84, gcoord.BD09);
      // The documented BD-09 offset from GCJ-02: about +0.0065° lon, +0.0060° lat.
      expect(bd09[0] - gcj02[0]).toBeCloseTo(0.0065, 3);
      expect(bd09[1] - gcj02[1]).toBeCloseTo(0.006, 3);
      expect(distanceMeters(bd09, wgs84)).toBeGreaterThan(1000);
    },
  );
});

const SOURCES_DIR = '/work/shared/geo-sources';
const RAW_PRIMARY_SCHOOLS = join(SOURCES_DIR, 'schools-primary/primary-schools.geojson');
const SHIPPED_SCHOOLS = join(import.meta.dirname, '../../public/geo/schools.geojson');

function readPoints(path: string): FeatureCollection<Point, Record<string, unknown>> {
  return JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection<
    Point,
    Record<string, unknown>
  >;
}

describe.skipIf(!existsSync(RAW_PRIMARY_SCHOOLS) || !existsSync(SHIPPED_SCHOOLS))(
  'shipped primary-school points (GCJ-02 in their source)',
  () => {
    it('lie within 30 m of the WGS-84 position the raw source gives for the same school', () => {
      const raw = readPoints(RAW_PRIMARY_SCHOOLS);
      const shipped = readPoints(SHIPPED_SCHOOLS).features.filter(
        (f) => f.properties.source === 'primary-schools',
      );
      expect(shipped.length).toBeGreaterThan(0);
      for (const school of shipped) {
        const match = raw.features.find((r) => r.properties.name === school.properties.name_en);
        expect(match, `raw school for ${String(school.properties.name_en)}`).toBeDefined();
        const [lon, lat] = school.geometry.coordinates;
        const [rawLon, rawLat] = match!.geometry.coordinates;
        const distance = distanceMeters([lon!, lat!], [rawLon!, rawLat!]);
        expect(distance, String(school.properties.name_en)).toBeLessThanOrEqual(
          MAX_ROUND_TRIP_METERS,
        );
      }
    });
  },
);
