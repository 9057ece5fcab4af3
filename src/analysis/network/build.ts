import type { Feature, Geometry, Position } from 'geojson';
import Flatbush from 'flatbush';
import type { LocalProjection } from '../local_projection';
import {
  BOTH,
  type ComponentReport,
  type WalkGraph,
  type WalkSegment,
  largestComponent,
} from './graph';
import { projectOnSegment, segmentCrossing } from '../planar_shape';
import { lineIsWalkable, osmWalkDirection } from './walkable';
import { DEFAULT_SNAP_TOLERANCE_M } from '../../data/limits';

export interface NetworkReport extends ComponentReport {
  /** Lines in the file that became part of the walking graph's input. */
  walkableLines: number;
  /** Lines left out as not walkable. */
  excludedLines: number;
}

export interface BuiltNetwork {
  graph: WalkGraph;
  report: NetworkReport;
}

export type Progress = (done: number, total: number) => void;

/** The lines of a feature's geometry (a closed highway area walks its outline). */
function linesOf(geometry: Geometry | null): Position[][] {
  if (!geometry) return [];
  switch (geometry.type) {
    case 'LineString':
      return [geometry.coordinates];
    case 'MultiLineString':
      return geometry.coordinates;
    case 'Polygon':
      return geometry.coordinates.slice(0, 1);
    case 'MultiPolygon':
      return geometry.coordinates.map((p) => p[0]!).filter(Boolean);
    default:
      return [];
  }
}

const validPosition = (p: Position) =>
  Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[1]!) <= 90;

/**
 * The walking graph of OSM ways (from the import's OSM reader: tags in the properties).
 * Ways are split where they share a node — the same position in two ways, or twice in one —
 * so a bridge crossing a road without a shared node stays apart from it.
 */
export function networkFromOsm(
  features: Feature[],
  projection: LocalProjection,
  progress?: Progress,
): BuiltNetwork {
  const ways: { line: Position[]; direction: number }[] = [];
  let excluded = 0;
  for (const f of features) {
    const lines = linesOf(f.geometry);
    if (lines.length === 0) continue;
    const tags = (f.properties ?? {}) as Record<string, unknown>;
    const direction = osmWalkDirection(tags);
    if (direction === 0) {
      // Only streets count as left out; buildings and land use were never candidates.
      if (typeof tags.highway === 'string') excluded += 1;
      continue;
    }
    for (const line of lines) {
      const clean = line.filter(validPosition);
      if (clean.length >= 2) ways.push({ line: clean, direction });
    }
  }
  const key = (p: Position) => `${p[0]},${p[1]}`;
  const uses = new Map<string, number>();
  for (const { line } of ways) for (const p of line) uses.set(key(p), (uses.get(key(p)) ?? 0) + 1);
  const nodeOf = new Map<string, number>();
  const nodeXY: number[] = [];
  const node = (p: Position) => {
    const k = key(p);
    let n = nodeOf.get(k);
    if (n === undefined) {
      n = nodeXY.length / 2;
      nodeOf.set(k, n);
      nodeXY.push(...projection.forward(p));
    }
    return n;
  };
  const segments: WalkSegment[] = [];
  ways.forEach(({ line, direction }, w) => {
    let start = 0;
    let coords: number[] = [...projection.forward(line[0]!)];
    for (let i = 1; i < line.length; i++) {
      coords.push(...projection.forward(line[i]!));
      if (i === line.length - 1 || uses.get(key(line[i]!))! > 1) {
        segments.push({ from: node(line[start]!), to: node(line[i]!), coords, direction });
        start = i;
        coords = [...projection.forward(line[i]!)];
      }
    }
    if (w % 500 === 0) progress?.(w, ways.length);
  });
  const { graph, report } = largestComponent(nodeXY, segments);
  return { graph, report: { ...report, walkableLines: ways.length, excludedLines: excluded } };
}

/**
 * The walking graph of plain lines (GeoJSON, Shapefile): lines are split where they cross and
 * where an end lies within `snapToleranceM` of another line; ends within the tolerance of
 * each other become one node. Lines with `walkable: false` are left out.
 */
export function networkFromLines(
  features: Feature[],
  projection: LocalProjection,
  snapToleranceM = DEFAULT_SNAP_TOLERANCE_M,
  progress?: Progress,
): BuiltNetwork {
  const lines: number[][] = [];
  let excluded = 0;
  for (const f of features) {
    const parts = linesOf(f.geometry);
    if (parts.length === 0) continue;
    if (!lineIsWalkable(f.properties as Record<string, unknown> | null)) {
      excluded += 1;
      continue;
    }
    for (const part of parts) {
      const flat = part.filter(validPosition).flatMap((p) => projection.forward(p));
      if (flat.length >= 4) lines.push(flat);
    }
  }
  // Every straight piece, indexed.
  const pieceLine: number[] = [];
  const pieceIndex: number[] = [];
  lines.forEach((l, li) => {
    for (let i = 0; i + 3 < l.length; i += 2) {
      pieceLine.push(li);
      pieceIndex.push(i);
    }
  });
  const cuts: number[][] = lines.map(() => []); // per line: positions as piece index + t
  if (pieceLine.length > 0) {
    const tree = new Flatbush(pieceLine.length);
    pieceLine.forEach((li, k) => {
      const l = lines[li]!;
      const i = pieceIndex[k]!;
      tree.add(
        Math.min(l[i]!, l[i + 2]!) - snapToleranceM,
        Math.min(l[i + 1]!, l[i + 3]!) - snapToleranceM,
        Math.max(l[i]!, l[i + 2]!) + snapToleranceM,
        Math.max(l[i + 1]!, l[i + 3]!) + snapToleranceM,
      );
    });
    tree.finish();
    pieceLine.forEach((li, k) => {
      const l = lines[li]!;
      const i = pieceIndex[k]!;
      const [ax, ay, bx, by] = [l[i]!, l[i + 1]!, l[i + 2]!, l[i + 3]!];
      for (const other of tree.search(
        Math.min(ax, bx),
        Math.min(ay, by),
        Math.max(ax, bx),
        Math.max(ay, by),
      )) {
        if (other <= k) continue;
        const lo = pieceLine[other]!;
        const j = pieceIndex[other]!;
        if (lo === li && Math.abs(j - i) <= 2) continue; // neighbours in one line share a vertex
        const m = lines[lo]!;
        const t = segmentCrossing(ax, ay, bx, by, m[j]!, m[j + 1]!, m[j + 2]!, m[j + 3]!);
        if (t) {
          cuts[li]!.push(i / 2 + t[0]);
          cuts[lo]!.push(j / 2 + t[1]);
        }
      }
      if (k % 2000 === 0) progress?.(k, pieceLine.length * 2);
    });
    // Line ends near another line (a T-junction drawn short or long) cut that line.
    lines.forEach((l, li) => {
      for (const at of [0, l.length - 2]) {
        const x = l[at]!;
        const y = l[at + 1]!;
        for (const k of tree.search(x, y, x, y)) {
          const lo = pieceLine[k]!;
          const j = pieceIndex[k]!;
          if (lo === li && (j === at || j + 2 === at)) continue;
          const m = lines[lo]!;
          const p = projectOnSegment(x, y, m[j]!, m[j + 1]!, m[j + 2]!, m[j + 3]!);
          if (p.distance <= snapToleranceM) cuts[lo]!.push(j / 2 + p.t);
        }
      }
    });
  }
  // Cut every line into pieces; then merge piece ends within the tolerance into nodes.
  const pieces: { coords: number[] }[] = [];
  lines.forEach((l, li) => {
    const vertexCount = l.length / 2;
    const at = [...new Set([0, vertexCount - 1, ...cuts[li]!])].sort((a, b) => a - b);
    for (let c = 0; c + 1 < at.length; c++) pieces.push({ coords: subLine(l, at[c]!, at[c + 1]!) });
  });
  const ends: number[] = [];
  for (const p of pieces) ends.push(p.coords[0]!, p.coords[1]!, p.coords.at(-2)!, p.coords.at(-1)!);
  const nodeOfEnd = clusterPoints(ends, snapToleranceM);
  const nodeXY: number[] = [];
  const nodeIndex = new Map<number, number>();
  const node = (end: number) => {
    const root = nodeOfEnd[end]!;
    let n = nodeIndex.get(root);
    if (n === undefined) {
      n = nodeXY.length / 2;
      nodeIndex.set(root, n);
      nodeXY.push(ends[2 * root]!, ends[2 * root + 1]!);
    }
    return n;
  };
  const segments: WalkSegment[] = pieces.map((p, i) => {
    const from = node(2 * i);
    const to = node(2 * i + 1);
    const coords = p.coords.slice();
    // Snap the piece's ends onto its nodes so that the polyline meets them.
    coords[0] = nodeXY[2 * from]!;
    coords[1] = nodeXY[2 * from + 1]!;
    coords[coords.length - 2] = nodeXY[2 * to]!;
    coords[coords.length - 1] = nodeXY[2 * to + 1]!;
    return { from, to, coords, direction: BOTH };
  });
  const { graph, report } = largestComponent(nodeXY, segments);
  return {
    graph,
    report: { ...report, walkableLines: features.length - excluded, excludedLines: excluded },
  };
}

/** The polyline between two positions given as vertex index + fraction. */
function subLine(l: number[], from: number, to: number): number[] {
  const point = (p: number) => {
    const i = Math.min(Math.floor(p), l.length / 2 - 2);
    const t = p - i;
    return [
      l[2 * i]! + t * (l[2 * i + 2]! - l[2 * i]!),
      l[2 * i + 1]! + t * (l[2 * i + 3]! - l[2 * i + 1]!),
    ];
  };
  const out = point(from);
  for (let v = Math.floor(from) + 1; v < to; v++) out.push(l[2 * v]!, l[2 * v + 1]!);
  out.push(...point(to));
  return out;
}

/** Groups points lying within `tolerance` of each other (transitively); returns each one's group. */
function clusterPoints(xy: number[], tolerance: number): Int32Array {
  const count = xy.length / 2;
  const parent = Int32Array.from({ length: count }, (_, i) => i);
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]!]!;
      a = parent[a]!;
    }
    return a;
  };
  const cell = Math.max(tolerance, 1e-6);
  const grid = new Map<string, number[]>();
  for (let i = 0; i < count; i++) {
    const cx = Math.floor(xy[2 * i]! / cell);
    const cy = Math.floor(xy[2 * i + 1]! / cell);
    for (let gx = cx - 1; gx <= cx + 1; gx++) {
      for (let gy = cy - 1; gy <= cy + 1; gy++) {
        for (const j of grid.get(`${gx},${gy}`) ?? []) {
          if (Math.hypot(xy[2 * i]! - xy[2 * j]!, xy[2 * i + 1]! - xy[2 * j + 1]!) <= tolerance) {
            const a = find(i);
            const b = find(j);
            if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
          }
        }
      }
    }
    const k = `${cx},${cy}`;
    const list = grid.get(k);
    if (list) list.push(i);
    else grid.set(k, [i]);
  }
  return Int32Array.from({ length: count }, (_, i) => find(i));
}
