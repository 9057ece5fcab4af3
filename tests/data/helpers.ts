/**
 * Small builders shared by the data-pipeline tests. Everything is built in memory from plain
 * numbers so that expected answers can be worked out by hand.
 */
import * as turf from '@turf/turf';
import type {
  Feature,
  FeatureCollection,
  Geometry,
  MultiPolygon,
  Polygon,
  Position,
} from 'geojson';
import type { StudyContext } from '../../scripts/pipeline/context';
import type { Areal } from '../../scripts/pipeline/geometry';

/** Metres per degree near 40.07° N (good to well under 1% for test geometry). */
export const METERS_PER_DEGREE_LAT = 111_000;
export const METERS_PER_DEGREE_LON = 85_000;

/** The centre of the test sub-district (in 回龙观). */
export const TEST_UNIT_CENTRE: [number, number] = [116.33, 40.07];

/** Rounds to 6 decimals, the pipeline's shipped precision, so rounding never moves a vertex. */
const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;

/** A closed, counter-clockwise rectangle ring from its west/south corner and size in degrees. */
export function createRectangleRing(
  west: number,
  south: number,
  widthDeg: number,
  heightDeg: number,
): Position[] {
  const east = round6(west + widthDeg);
  const north = round6(south + heightDeg);
  return [
    [round6(west), round6(south)],
    [east, round6(south)],
    [east, north],
    [round6(west), north],
    [round6(west), round6(south)],
  ];
}

/** A rectangle polygon feature from its west/south corner and size in degrees. */
export function createRectangle<P extends Record<string, unknown>>(
  west: number,
  south: number,
  widthDeg: number,
  heightDeg: number,
  properties: P,
): Feature<Polygon, P> {
  return turf.polygon([createRectangleRing(west, south, widthDeg, heightDeg)], properties);
}

/** A square of about `sideMeters` centred on [lon, lat]. */
export function createSquareAround<P extends Record<string, unknown>>(
  centre: readonly [number, number],
  sideMeters: number,
  properties: P,
): Feature<Polygon, P> {
  const widthDeg = sideMeters / METERS_PER_DEGREE_LON;
  const heightDeg = sideMeters / METERS_PER_DEGREE_LAT;
  return createRectangle(
    centre[0] - widthDeg / 2,
    centre[1] - heightDeg / 2,
    widthDeg,
    heightDeg,
    properties,
  );
}

/** A raw source collection (the shape the pipeline reads from geo-sources). */
export function createRawCollection(
  features: Feature<Geometry, Record<string, unknown>>[],
): FeatureCollection<Geometry, Record<string, unknown>> {
  return { type: 'FeatureCollection', features };
}

/**
 * A study context with one square sub-district (回龙观街道, 2 km side) around
 * TEST_UNIT_CENTRE and an extent grown by `marginMeters` (the pipeline uses 1500 m).
 */
export function createStudyContext(marginMeters = 1500, unitSideMeters = 2000): StudyContext {
  const unit = createSquareAround(TEST_UNIT_CENTRE, unitSideMeters, {
    name: '回龙观街道',
  });
  const extent = turf.buffer(unit, marginMeters, { units: 'meters' }) as Areal | undefined;
  if (!extent) throw new Error('could not grow the test unit');
  const [w, s, e, n] = turf.bbox(extent);
  return {
    subdistricts: turf.featureCollection<Polygon | MultiPolygon, { name: string }>([unit]),
    extent,
    extentBbox: turf.bbox(extent),
    clipBbox: [w - 0.03, s - 0.03, e + 0.03, n + 0.03],
  };
}

/** Area in square metres of any areal feature or geometry. */
export function areaOf(feature: Feature | Geometry): number {
  return turf.area(feature as Parameters<typeof turf.area>[0]);
}

/** Relative difference |a − b| / b. */
export function relativeDifference(a: number, b: number): number {
  return Math.abs(a - b) / b;
}
