import * as turf from '@turf/turf';
import type { Feature, Point, Polygon } from 'geojson';
import type { AppFeature, AppFeatureCollection, CommonProperties } from '../../src/data/schema';

export const ORIGIN = turf.point([116.33, 40.07]);

/** A position `eastM` east and `northM` north of ORIGIN. */
export function offset(eastM: number, northM: number): [number, number] {
  const east = turf.destination(ORIGIN, Math.abs(eastM), eastM >= 0 ? 90 : -90, {
    units: 'meters',
  });
  const moved = turf.destination(east, Math.abs(northM), northM >= 0 ? 0 : 180, {
    units: 'meters',
  });
  return moved.geometry.coordinates as [number, number];
}

/** A rectangle given in metres east and north of ORIGIN. */
export function createRectangle(
  westM: number,
  southM: number,
  eastM: number,
  northM: number,
  properties: Partial<CommonProperties> = {},
): AppFeature<Polygon> {
  const [west, south] = offset(westM, southM);
  const [east, north] = offset(eastM, northM);
  return turf.bboxPolygon([west, south, east, north], {
    properties: feature(properties),
  }) as AppFeature<Polygon>;
}

export function createPoint(
  eastM: number,
  northM: number,
  properties: Partial<CommonProperties> = {},
): AppFeature<Point> {
  return turf.point(offset(eastM, northM), feature(properties)) as AppFeature<Point>;
}

export function collection<F extends Feature>(features: F[]): AppFeatureCollection {
  return { type: 'FeatureCollection', features } as unknown as AppFeatureCollection;
}

let nextId = 0;
function feature(properties: Partial<CommonProperties>): CommonProperties {
  return {
    id: `fixture-${nextId++}`,
    name: '',
    kind: 'fixture',
    subdistrict: null,
    source: 'fixture',
    source_crs: 'WGS-84',
    accuracy: 'surveyed',
    ...properties,
  };
}

/** Two units side by side, 5 km each way: 回龙观街道 west of ORIGIN and 霍营街道 east of it. */
export function twoUnits(): AppFeatureCollection {
  return collection([
    createRectangle(-5000, -5000, 0, 5000, { name: '回龙观街道' }),
    createRectangle(0, -5000, 5000, 5000, { name: '霍营街道' }),
  ]);
}
