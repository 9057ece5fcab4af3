import type { Geometry, Position } from 'geojson';
import type { LocalProjection } from './local_projection';

/** A feature's geometry in planar metres: points, open paths and closed rings. */
export interface PlanarShape {
  /** Flat [x0, y0, x1, y1, …]. */
  points: number[];
  /** Open polylines, each flat [x0, y0, …]. */
  paths: number[][];
  /** Closed rings (first point repeated last), shells and holes alike; filled even-odd. */
  rings: number[][];
  bbox: [minX: number, minY: number, maxX: number, maxY: number];
}

export function toPlanarShape(geometry: Geometry, projection: LocalProjection): PlanarShape {
  const shape: PlanarShape = {
    points: [],
    paths: [],
    rings: [],
    bbox: [Infinity, Infinity, -Infinity, -Infinity],
  };
  addGeometry(shape, geometry, projection);
  return shape;
}

// Plain functions, not closures made per shape: this runs for every facility and every vertex
// of the first analysis, before the engine has optimised anything.
function addGeometry(shape: PlanarShape, g: Geometry, projection: LocalProjection): void {
  switch (g.type) {
    case 'Point':
      shape.points.push(...flatten(shape, [g.coordinates], projection));
      break;
    case 'MultiPoint':
      shape.points.push(...flatten(shape, g.coordinates, projection));
      break;
    case 'LineString':
      shape.paths.push(flatten(shape, g.coordinates, projection));
      break;
    case 'MultiLineString':
      for (const line of g.coordinates) shape.paths.push(flatten(shape, line, projection));
      break;
    case 'Polygon':
      for (const ring of g.coordinates) addRing(shape, ring, projection);
      break;
    case 'MultiPolygon':
      for (const polygon of g.coordinates) {
        for (const ring of polygon) addRing(shape, ring, projection);
      }
      break;
    case 'GeometryCollection':
      for (const part of g.geometries) addGeometry(shape, part, projection);
      break;
  }
}

/**
 * A line's points projected, flat, widening the shape's bbox. Indexed, not destructured, and
 * made at its length and written in place: no pair per vertex, no array growing.
 */
function flatten(shape: PlanarShape, line: Position[], projection: LocalProjection): number[] {
  const flat: number[] = new Array<number>(2 * line.length);
  projection.forwardLineIntoArray(line, flat, 0);
  const bbox = shape.bbox;
  for (let i = 0; i < line.length; i++) {
    const x = flat[2 * i]!;
    const y = flat[2 * i + 1]!;
    if (x < bbox[0]) bbox[0] = x;
    if (y < bbox[1]) bbox[1] = y;
    if (x > bbox[2]) bbox[2] = x;
    if (y > bbox[3]) bbox[3] = y;
  }
  return flat;
}

function addRing(shape: PlanarShape, ring: Position[], projection: LocalProjection): void {
  if (ring.length < 4) return;
  const flat = flatten(shape, ring, projection);
  const n = flat.length;
  if (flat[0] !== flat[n - 2] || flat[1] !== flat[n - 1]) flat.push(flat[0]!, flat[1]!);
  shape.rings.push(flat);
}

/** Room `planarRingsInto` needs for a geometry: at most this many numbers and rings. */
export function planarRingsRoom(geometry: Geometry, room = { numbers: 0, rings: 0 }) {
  if (geometry.type === 'GeometryCollection') {
    for (let i = 0; i < geometry.geometries.length; i++)
      planarRingsRoom(geometry.geometries[i]!, room);
  } else if (geometry.type === 'Polygon') {
    polygonRoom(geometry.coordinates, room);
  } else if (geometry.type === 'MultiPolygon') {
    for (let p = 0; p < geometry.coordinates.length; p++)
      polygonRoom(geometry.coordinates[p]!, room);
  }
  return room;
}

function polygonRoom(polygon: Position[][], room: { numbers: number; rings: number }) {
  for (let r = 0; r < polygon.length; r++) {
    if (polygon[r]!.length < 4) continue;
    room.numbers += 2 * polygon[r]!.length + 2;
    room.rings++;
  }
}

/** Where `planarRingsInto` writes: the numbers and ring ends, where next, the shape's bbox. */
export interface RingsTarget {
  out: Float64Array;
  ringEnds: Int32Array;
  number: number;
  ring: number;
  bbox: PlanarShape['bbox'];
}

/**
 * The rings `toPlanarShape` makes of a geometry (the same numbers, closed the same way), written
 * one after another into `target.out` from `target.number` on, the end of each into
 * `target.ringEnds`, and the shape's bbox (points and paths too) into `target.bbox`: no array
 * per ring and no closure per shape, for the many residential blocks of the first analysis.
 * `out` needs the room `planarRingsRoom` gives.
 */
export function planarRingsInto(
  geometry: Geometry,
  projection: LocalProjection,
  target: RingsTarget,
): void {
  switch (geometry.type) {
    case 'Point':
      positionsInto([geometry.coordinates], projection, target);
      break;
    case 'MultiPoint':
    case 'LineString':
      positionsInto(geometry.coordinates, projection, target);
      break;
    case 'MultiLineString':
      for (const line of geometry.coordinates) positionsInto(line, projection, target);
      break;
    case 'Polygon':
      for (let r = 0; r < geometry.coordinates.length; r++) {
        ringInto(geometry.coordinates[r]!, projection, target);
      }
      break;
    case 'MultiPolygon':
      for (let p = 0; p < geometry.coordinates.length; p++) {
        const polygon = geometry.coordinates[p]!;
        for (let r = 0; r < polygon.length; r++) ringInto(polygon[r]!, projection, target);
      }
      break;
    case 'GeometryCollection':
      for (const part of geometry.geometries) planarRingsInto(part, projection, target);
      break;
  }
}

const scratchPair = [0, 0];

/** Points and paths: only their bbox counts here. */
function positionsInto(line: Position[], projection: LocalProjection, target: RingsTarget) {
  const bbox = target.bbox;
  for (let i = 0; i < line.length; i++) {
    projection.forwardInto(line[i]!, scratchPair, 0);
    const x = scratchPair[0]!;
    const y = scratchPair[1]!;
    if (x < bbox[0]) bbox[0] = x;
    if (y < bbox[1]) bbox[1] = y;
    if (x > bbox[2]) bbox[2] = x;
    if (y > bbox[3]) bbox[3] = y;
  }
}

/** One ring as `toPlanarShape`'s addRing makes it: skipped below 4 points, else closed. */
function ringInto(ring: Position[], projection: LocalProjection, target: RingsTarget) {
  if (ring.length < 4) return;
  const bbox = target.bbox;
  let end = 2 * ring.length;
  if (ringScratch.length < end + 2) ringScratch = new Float64Array(2 * end + 2);
  // Projected into a typed array of its own, then copied at once: stores into a view of the
  // kernel's memory are slower, one by one, before the engine has optimised them.
  const flat = ringScratch;
  projection.forwardLineInto(ring, flat, 0);
  for (let i = 0; i < end; i += 2) {
    const x = flat[i]!;
    const y = flat[i + 1]!;
    if (x < bbox[0]) bbox[0] = x;
    if (y < bbox[1]) bbox[1] = y;
    if (x > bbox[2]) bbox[2] = x;
    if (y > bbox[3]) bbox[3] = y;
  }
  if (flat[0] !== flat[end - 2] || flat[1] !== flat[end - 1]) {
    flat[end] = flat[0]!;
    flat[end + 1] = flat[1]!;
    end += 2;
  }
  target.out.set(flat.subarray(0, end), target.number);
  target.number += end;
  target.ringEnds[target.ring++] = target.number;
}

let ringScratch = new Float64Array(256);

/**
 * `planarRingsInto` for shapes [0, geometries.length): shape s's rings, then
 * `shapeRingEnds[s]` (one past its last ring) and its bbox at bboxes[4s…4s + 3]. One loop over
 * every polygon's rings, projected straight into `target.out`: run once, before anything is
 * optimised, a long loop in one function is optimised while it runs, where a few calls per
 * shape would each run unoptimised. Other geometry types go through `planarRingsInto`.
 */
export function manyPlanarRingsInto(
  geometries: readonly Geometry[],
  projection: LocalProjection,
  target: RingsTarget,
  shapeRingEnds: Int32Array,
  bboxes: Float64Array,
): void {
  const out = target.out;
  const ringEnds = target.ringEnds;
  let number = target.number;
  let ringCount = target.ring;
  for (let s = 0; s < geometries.length; s++) {
    const g = geometries[s]!;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
      const polygons = g.type === 'Polygon' ? 1 : g.coordinates.length;
      for (let p = 0; p < polygons; p++) {
        const polygon = g.type === 'Polygon' ? g.coordinates : g.coordinates[p]!;
        for (let r = 0; r < polygon.length; r++) {
          const ring = polygon[r]!;
          if (ring.length < 4) continue;
          const from = number;
          let end = from + 2 * ring.length;
          projection.forwardLineInto(ring, out, from);
          for (let i = from; i < end; i += 2) {
            const x = out[i]!;
            const y = out[i + 1]!;
            if (x < minX) minX = x;
            if (y < minY) minY = y;
            if (x > maxX) maxX = x;
            if (y > maxY) maxY = y;
          }
          if (out[from] !== out[end - 2] || out[from + 1] !== out[end - 1]) {
            out[end] = out[from]!;
            out[end + 1] = out[from + 1]!;
            end += 2;
          }
          number = end;
          ringEnds[ringCount++] = end;
        }
      }
    } else {
      target.number = number;
      target.ring = ringCount;
      target.bbox = [minX, minY, maxX, maxY];
      planarRingsInto(g, projection, target);
      number = target.number;
      ringCount = target.ring;
      [minX, minY, maxX, maxY] = target.bbox;
    }
    shapeRingEnds[s] = ringCount;
    bboxes[4 * s] = minX;
    bboxes[4 * s + 1] = minY;
    bboxes[4 * s + 2] = maxX;
    bboxes[4 * s + 3] = maxY;
  }
  target.number = number;
  target.ring = ringCount;
}

/** Planar distance from (x, y) to a shape: 0 inside a ring, else to the nearest part. */
export function distanceToShape(shape: PlanarShape, x: number, y: number): number {
  const [minX, minY, maxX, maxY] = shape.bbox;
  const inBox = x >= minX && x <= maxX && y >= minY && y <= maxY;
  if (inBox && shape.rings.length > 0 && insideRings(shape.rings, x, y)) return 0;
  let best = Infinity;
  for (let i = 0; i < shape.points.length; i += 2) {
    best = Math.min(best, Math.hypot(x - shape.points[i]!, y - shape.points[i + 1]!));
  }
  for (const lines of [shape.paths, shape.rings]) {
    for (const line of lines) {
      for (let i = 0; i + 3 < line.length; i += 2) {
        const d = projectOnSegment(
          x,
          y,
          line[i]!,
          line[i + 1]!,
          line[i + 2]!,
          line[i + 3]!,
        ).distance;
        if (d < best) best = d;
      }
    }
  }
  return best;
}

/** The nearest point of segment a–b to (x, y): its parameter t (0–1) and the distance. */
export function projectOnSegment(
  x: number,
  y: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): { t: number; distance: number } {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  const t =
    lengthSquared === 0
      ? 0
      : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / lengthSquared));
  return { t, distance: Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) };
}

/** Where segments a–b and c–d cross: the parameter on each (0–1), or null. */
export function segmentCrossing(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): [t: number, u: number] | null {
  const rx = bx - ax;
  const ry = by - ay;
  const sx = dx - cx;
  const sy = dy - cy;
  const denominator = rx * sy - ry * sx;
  if (denominator === 0) return null;
  const t = ((cx - ax) * sy - (cy - ay) * sx) / denominator;
  const u = ((cx - ax) * ry - (cy - ay) * rx) / denominator;
  return t >= 0 && t <= 1 && u >= 0 && u <= 1 ? [t, u] : null;
}

/** Distance from (x, y) to a shape's bounding box: never more than to the shape itself. */
export function boxDistance([minX, minY, maxX, maxY]: PlanarShape['bbox'], x: number, y: number) {
  return Math.hypot(Math.max(minX - x, 0, x - maxX), Math.max(minY - y, 0, y - maxY));
}

/** Even-odd point-in-rings test. */
export function insideRings(rings: readonly number[][], x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0; i + 3 < ring.length; i += 2) {
      const ay = ring[i + 1]!;
      const by = ring[i + 3]!;
      if (ay > y !== by > y) {
        const ax = ring[i]!;
        const bx = ring[i + 2]!;
        if (x < ax + ((y - ay) * (bx - ax)) / (by - ay)) inside = !inside;
      }
    }
  }
  return inside;
}

/** Area-weighted centre of the rings (planar), or the first point / vertex otherwise. */
export function shapeCentre(shape: PlanarShape): [number, number] {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (const ring of shape.rings) {
    for (let i = 0; i + 3 < ring.length; i += 2) {
      const cross = ring[i]! * ring[i + 3]! - ring[i + 2]! * ring[i + 1]!;
      area += cross;
      cx += (ring[i]! + ring[i + 2]!) * cross;
      cy += (ring[i + 1]! + ring[i + 3]!) * cross;
    }
  }
  if (area !== 0) return [cx / (3 * area), cy / (3 * area)];
  const first = shape.points.length > 0 ? shape.points : (shape.paths[0] ?? shape.rings[0] ?? []);
  return [first[0] ?? NaN, first[1] ?? NaN];
}
