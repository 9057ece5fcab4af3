import type { FeatureCollection, Position } from 'geojson';
import { mercatorX, mercatorY } from '../data/web_mercator';

/**
 * A collection's polygons as flat typed arrays, so a worker can hand them to the page without
 * a copy (their buffers are transferable) and the page can trace them into a canvas path
 * without walking GeoJSON. Coordinates are Web Mercator units (0…1 across the world, y
 * downwards, as MapLibre's MercatorCoordinate), x then y for each vertex.
 */
export interface PackedPolygons {
  coordinates: Float64Array;
  /** For each ring, the index of the vertex after its last one. */
  ringEnds: Uint32Array;
}

/**
 * A slider drag's live preview of the analysis map, packed: served land, gaps along the
 * walking network, gaps, unknown land, and what the active scenario newly serves or loses.
 */
export type PreviewCollections = Record<
  'served' | 'networkGaps' | 'gaps' | 'unknown' | 'newlyServed' | 'lostService',
  PackedPolygons | null
>;

/** Calls `visit` with each ring of each Polygon and MultiPolygon; other geometries are skipped. */
function eachRing(collection: FeatureCollection, visit: (ring: Position[]) => void) {
  for (const feature of collection.features) {
    const geometry = feature.geometry;
    if (geometry?.type === 'Polygon') geometry.coordinates.forEach(visit);
    else if (geometry?.type === 'MultiPolygon') {
      for (const polygon of geometry.coordinates) polygon.forEach(visit);
    }
  }
}

/** Packs a collection's polygon rings (lon/lat) into Mercator typed arrays. */
export function packPolygons(collection: FeatureCollection): PackedPolygons {
  let vertices = 0;
  let rings = 0;
  eachRing(collection, (ring) => {
    vertices += ring.length;
    rings++;
  });
  const coordinates = new Float64Array(vertices * 2);
  const ringEnds = new Uint32Array(rings);
  let v = 0;
  let r = 0;
  eachRing(collection, (ring) => {
    for (const [lng, lat] of ring) {
      coordinates[2 * v] = mercatorX(lng!);
      coordinates[2 * v + 1] = mercatorY(lat!);
      v++;
    }
    ringEnds[r++] = v;
  });
  return { coordinates, ringEnds };
}

/**
 * Screen position of a Mercator point: x' = a·x + c·y + e, y' = b·x + d·y + f (the canvas
 * transform's order). Exact for a map without pitch, at any zoom and bearing.
 */
export interface ScreenTransform {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

/**
 * The transform from three Mercator points and where the map draws them: `origin`, a step of
 * `step` along x from it, and the same step along y.
 */
export function transformFromSamples(
  origin: readonly [number, number],
  step: number,
  atOrigin: { x: number; y: number },
  alongX: { x: number; y: number },
  alongY: { x: number; y: number },
): ScreenTransform {
  const a = (alongX.x - atOrigin.x) / step;
  const b = (alongX.y - atOrigin.y) / step;
  const c = (alongY.x - atOrigin.x) / step;
  const d = (alongY.y - atOrigin.y) / step;
  return {
    a,
    b,
    c,
    d,
    e: atOrigin.x - a * origin[0] - c * origin[1],
    f: atOrigin.y - b * origin[0] - d * origin[1],
  };
}

/** The part of a canvas path that tracing rings uses (CanvasRenderingContext2D and Path2D). */
export interface RingPath {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  closePath(): void;
}

/** Pixels to a tenth, as short text. */
const tenth = (value: number) => Math.round(value * 10) / 10;

/**
 * Collects a path as SVG path data ("M x y L x y … Z"): a canvas takes it whole
 * (`new Path2D(data)`), which is far quicker than one call per vertex into the browser.
 */
export class PathData implements RingPath {
  private parts: string[] = [];
  moveTo(x: number, y: number) {
    this.parts.push(`M${tenth(x)} ${tenth(y)}`);
  }
  lineTo(x: number, y: number) {
    this.parts.push(`L${tenth(x)} ${tenth(y)}`);
  }
  closePath() {
    this.parts.push('Z');
  }
  toString(): string {
    return this.parts.join('');
  }
}

/**
 * Adds every ring to `path` in screen pixels. Filled with the even-odd rule, the path is the
 * union of the polygons with their holes, as long as polygons do not overlap one another
 * (true of served land and gaps, which tile the residential land without overlap).
 * Consecutive vertices that land within half a pixel of the last drawn one are skipped.
 */
export function traceRings(packed: PackedPolygons, transform: ScreenTransform, path: RingPath) {
  const { coordinates, ringEnds } = packed;
  const { a, b, c, d, e, f } = transform;
  let start = 0;
  for (let r = 0; r < ringEnds.length; r++) {
    const end = ringEnds[r]!;
    if (end - start >= 3) {
      let lastX = a * coordinates[2 * start]! + c * coordinates[2 * start + 1]! + e;
      let lastY = b * coordinates[2 * start]! + d * coordinates[2 * start + 1]! + f;
      path.moveTo(lastX, lastY);
      for (let v = start + 1; v < end; v++) {
        const x = coordinates[2 * v]!;
        const y = coordinates[2 * v + 1]!;
        const sx = a * x + c * y + e;
        const sy = b * x + d * y + f;
        if (Math.abs(sx - lastX) < 0.5 && Math.abs(sy - lastY) < 0.5) continue;
        path.lineTo(sx, sy);
        lastX = sx;
        lastY = sy;
      }
      path.closePath();
    }
    start = end;
  }
}
