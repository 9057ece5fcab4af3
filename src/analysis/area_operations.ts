import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';

type Areal = Feature<Polygon | MultiPolygon>;

/** Whether two [west, south, east, north] boxes meet (touching counts). */
export function bboxesOverlap(a: readonly number[], b: readonly number[]): boolean {
  return a[0]! <= b[2]! && b[0]! <= a[2]! && a[1]! <= b[3]! && b[1]! <= a[3]!;
}

/** Intersection of two areal features, or null when they do not overlap. */
export function intersection<F extends Areal>(a: F, b: Areal): Areal | null {
  return turf.intersect(turf.featureCollection([a, b])) as Areal | null;
}
