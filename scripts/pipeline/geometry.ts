import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

import { bboxesOverlap, intersection } from '../../src/analysis/area_operations';

export { bboxesOverlap, intersection };

export type Areal = Feature<Polygon | MultiPolygon>;

/** Rounds every coordinate to 6 decimals (~0.1 m), which keeps files small and diffs stable. */
export function roundCoordinates<T>(geometry: T): T {
  const round = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(round)
      : typeof value === 'number'
        ? Math.round(value * 1e6) / 1e6
        : value;
  const g = geometry as { coordinates?: unknown };
  return { ...geometry, coordinates: round(g.coordinates) } as T;
}

/** Maps every [lon, lat] position of a geometry through `convert`. */
export function mapPositions<T>(geometry: T, convert: (p: [number, number]) => Position): T {
  const walk = (value: unknown): unknown =>
    Array.isArray(value) && typeof value[0] === 'number'
      ? convert([value[0] as number, value[1] as number])
      : Array.isArray(value)
        ? value.map(walk)
        : value;
  const g = geometry as { coordinates?: unknown };
  return { ...geometry, coordinates: walk(g.coordinates) } as T;
}

/**
 * Returns the name of the sub-district a feature lies in, judged by a point on the feature, or
 * null when it lies outside all of them.
 */
export function locateSubdistrict(
  feature: Feature,
  subdistricts: FeatureCollection<Polygon | MultiPolygon, { name: string }>,
): string | null {
  const point = turf.pointOnFeature(feature);
  for (const unit of subdistricts.features) {
    if (turf.booleanPointInPolygon(point, unit)) return unit.properties.name;
  }
  return null;
}

/** Splits a (multi)polygon into its polygons. */
export function polygonsOf(feature: Areal): Feature<Polygon>[] {
  return turf.flatten(feature).features as Feature<Polygon>[];
}

/** Share of the smaller polygon covered by the other one (0 when they do not touch). */
export function overlapShare(a: Areal, b: Areal): number {
  if (!bboxesOverlap(turf.bbox(a), turf.bbox(b))) return 0;
  const common = intersection(a, b);
  if (!common) return 0;
  return turf.area(common) / Math.min(turf.area(a), turf.area(b));
}

/**
 * Splits a ring that touches itself at a vertex (a "pinch", common after polygon differences)
 * into simple rings. Each returned ring is closed.
 */
export function splitPinchedRing(ring: Position[]): Position[][] {
  const open = ring.slice(0, -1);
  const loops: Position[][] = [];
  const stack: Position[] = [];
  const seen = new Map<string, number>();
  for (const position of open) {
    const key = `${position[0]},${position[1]}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      const loop = stack.splice(earlier);
      for (const p of loop) seen.delete(`${p[0]},${p[1]}`);
      if (loop.length >= 3) loops.push([...loop, loop[0]!]);
    }
    seen.set(key, stack.length);
    stack.push(position);
  }
  if (stack.length >= 3) loops.push([...stack, stack[0]!]);
  return loops;
}

/** Drops consecutive duplicate positions; returns null when fewer than 4 positions remain. */
function dedupeRing(ring: Position[]): Position[] | null {
  const out = ring.filter(
    (p, i) => i === 0 || p[0] !== ring[i - 1]![0] || p[1] !== ring[i - 1]![1],
  );
  return out.length >= 4 ? out : null;
}

/**
 * Makes one polygon simple at the shipped precision: rounded, duplicate positions and
 * collapsed holes dropped, a pinched outer ring split into simple rings that keep the holes
 * inside them. A hole may touch its outer ring at a point (valid in the OGC model).
 */
export function simplePolygons(polygon: Polygon): Feature<Polygon>[] {
  const rounded = roundCoordinates(polygon);
  const [outer, ...rest] = rounded.coordinates.map(dedupeRing);
  if (!outer) return [];
  const holes = rest.filter((h): h is Position[] => h !== null);
  const outerRings = ringHasKinks(outer) ? splitPinchedRing(outer) : [outer];
  return outerRings
    .filter((ring) => !ringHasKinks(ring))
    .map((ring) => {
      const shell = turf.polygon([ring]);
      const inside = holes.filter((hole) =>
        turf.booleanPointInPolygon(turf.centroid(turf.polygon([hole])), shell),
      );
      return turf.polygon([ring, ...inside]);
    });
}

/** True when a ring crosses or touches itself (checked on its own, without other rings). */
export function ringHasKinks(ring: Position[]): boolean {
  return turf.kinks(turf.polygon([ring])).features.length > 0;
}
