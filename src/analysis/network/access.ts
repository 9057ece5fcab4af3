import Flatbush from 'flatbush';
import {
  type PlanarShape,
  distanceToShape,
  projectOnSegment,
  segmentCrossing,
} from '../planar_shape';
import type { WalkGraph } from './graph';
import type { EdgePoint, SourcePoint } from './search';

/** Default limits: a straight leg to the network, and how near a park's edge a street counts. */
export const DEFAULT_MAX_LEG_M = 300;
export const DEFAULT_SHAPE_TOLERANCE_M = 30;

/** Every straight piece of every edge, indexed by box. */
export interface EdgeIndex {
  graph: WalkGraph;
  index: Flatbush | null;
  /** Per piece: its edge, and metres along the edge where it starts. */
  pieceEdge: Int32Array;
  pieceStart: Int32Array;
  pieceAlong: Float64Array;
}

export function indexEdges(graph: WalkGraph): EdgeIndex {
  let count = 0;
  for (const coords of graph.edgeCoords) count += coords.length / 2 - 1;
  const pieceEdge = new Int32Array(count);
  const pieceStart = new Int32Array(count);
  const pieceAlong = new Float64Array(count);
  if (count === 0) return { graph, index: null, pieceEdge, pieceStart, pieceAlong };
  const index = new Flatbush(count);
  let k = 0;
  graph.edgeCoords.forEach((c, e) => {
    let along = 0;
    for (let i = 0; i + 3 < c.length; i += 2) {
      index.add(
        Math.min(c[i]!, c[i + 2]!),
        Math.min(c[i + 1]!, c[i + 3]!),
        Math.max(c[i]!, c[i + 2]!),
        Math.max(c[i + 1]!, c[i + 3]!),
      );
      pieceEdge[k] = e;
      pieceStart[k] = i;
      pieceAlong[k] = along;
      along += Math.hypot(c[i + 2]! - c[i]!, c[i + 3]! - c[i + 1]!);
      k++;
    }
  });
  index.finish();
  return { graph, index, pieceEdge, pieceStart, pieceAlong };
}

function pieceEnds(ix: EdgeIndex, k: number) {
  const c = ix.graph.edgeCoords[ix.pieceEdge[k]!]!;
  const i = ix.pieceStart[k]!;
  return [c[i]!, c[i + 1]!, c[i + 2]!, c[i + 3]!] as const;
}

/**
 * Where a point joins the network: the nearest point on any edge, with the straight leg to
 * it; null when no edge is within `maxLegM` (the point is not reached, rather than given a
 * long fake walk).
 */
export function nearestEdgePoint(
  ix: EdgeIndex,
  x: number,
  y: number,
  maxLegM = DEFAULT_MAX_LEG_M,
): EdgePoint | null {
  if (!ix.index) return null;
  for (let r = Math.min(25, maxLegM); ; r = Math.min(r * 3, maxLegM)) {
    let best: EdgePoint | null = null;
    for (const k of ix.index.search(x - r, y - r, x + r, y + r)) {
      const [ax, ay, bx, by] = pieceEnds(ix, k);
      const { t, distance } = projectOnSegment(x, y, ax, ay, bx, by);
      if (distance <= r && (!best || distance < best.leg)) {
        const along = ix.pieceAlong[k]! + t * Math.hypot(bx - ax, by - ay);
        best = { edge: ix.pieceEdge[k]!, along, leg: distance };
      }
    }
    // Any piece within r has its box within the search square, so best is the nearest.
    if (best) return best;
    if (r >= maxLegM) return null;
  }
}

/**
 * Where a facility with extent (a park, a greenway) is reached from the network: the points
 * where edges enter it or pass within `toleranceM` of it, each with the straight remainder
 * as its leg. Every piece's nearest approach is found among its ends, its crossings of the
 * outline and the outline's vertices projected onto it.
 */
export function shapeAccess(
  ix: EdgeIndex,
  shape: PlanarShape,
  source: number,
  toleranceM = DEFAULT_SHAPE_TOLERANCE_M,
): SourcePoint[] {
  if (!ix.index) return [];
  const [minX, minY, maxX, maxY] = shape.bbox;
  const lines = [...shape.rings, ...shape.paths];
  const vertices: number[] = [...shape.points];
  for (const line of lines) vertices.push(...line);
  const out: SourcePoint[] = [];
  for (const k of ix.index.search(
    minX - toleranceM,
    minY - toleranceM,
    maxX + toleranceM,
    maxY + toleranceM,
  )) {
    const [ax, ay, bx, by] = pieceEnds(ix, k);
    const pieceLength = Math.hypot(bx - ax, by - ay);
    const ts: number[] = [0, 1];
    for (const line of lines) {
      for (let i = 0; i + 3 < line.length; i += 2) {
        const c = segmentCrossing(
          ax,
          ay,
          bx,
          by,
          line[i]!,
          line[i + 1]!,
          line[i + 2]!,
          line[i + 3]!,
        );
        if (c) ts.push(c[0]);
      }
    }
    for (let i = 0; i + 1 < vertices.length; i += 2) {
      const p = projectOnSegment(vertices[i]!, vertices[i + 1]!, ax, ay, bx, by);
      if (p.distance <= toleranceM) ts.push(p.t);
    }
    // Every candidate is kept: a street crossing a park enters it at both ends.
    for (const t of ts) {
      const leg = distanceToShape(shape, ax + t * (bx - ax), ay + t * (by - ay));
      if (leg <= toleranceM) {
        out.push({
          edge: ix.pieceEdge[k]!,
          along: ix.pieceAlong[k]! + t * pieceLength,
          leg,
          source,
        });
      }
    }
  }
  return out;
}

/**
 * How a facility joins the network: a point by its nearest edge (leg up to `maxLegM`); a
 * polygon or line where the network reaches it within `toleranceM`. Empty: not reached.
 */
export function facilityAccess(
  ix: EdgeIndex,
  shape: PlanarShape,
  source: number,
  options: { maxLegM?: number; toleranceM?: number } = {},
): SourcePoint[] {
  if (shape.rings.length > 0 || shape.paths.length > 0) {
    return shapeAccess(ix, shape, source, options.toleranceM);
  }
  const out: SourcePoint[] = [];
  for (let i = 0; i + 1 < shape.points.length; i += 2) {
    const p = nearestEdgePoint(ix, shape.points[i]!, shape.points[i + 1]!, options.maxLegM);
    if (p) out.push({ ...p, source });
  }
  return out;
}
