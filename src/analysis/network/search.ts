import { BACKWARD, FORWARD, type WalkGraph } from './graph';
import { MinHeap } from './heap';

/**
 * `away`: distances walking out from the sources (an inspected point's reach).
 * `toward`: distances walking from anywhere to the nearest source (a resident to a facility).
 * They differ only on one-way edges.
 */
export type WalkDirection = 'away' | 'toward';

/** A place on the network: an edge, metres along it from its `from` node, and the leg to it. */
export interface EdgePoint {
  edge: number;
  along: number;
  /** Straight walk between the place and the network, metres. */
  leg: number;
}

/** A source placed on the network: which source (facility index) and at what start distance. */
export interface SourcePoint extends EdgePoint {
  source: number;
}

/** Sources ready to search: seeds on nodes, and per edge the sources lying on it. */
export interface Sources {
  points: SourcePoint[];
  byEdge: Map<number, SourcePoint[]>;
}

export function prepareSources(points: SourcePoint[]): Sources {
  const byEdge = new Map<number, SourcePoint[]>();
  for (const p of points) {
    const list = byEdge.get(p.edge);
    if (list) list.push(p);
    else byEdge.set(p.edge, [p]);
  }
  return { points, byEdge };
}

export interface SearchResult {
  direction: WalkDirection;
  /** Per node: network distance (Infinity when not reached within the limit). */
  distance: Float64Array;
  /** Per node: the source it is nearest to (-1 when not reached). */
  source: Int32Array;
}

/**
 * Per node, the nodes one edge away that a search in `direction` may step to, with the edge's
 * length (CSR). Away from the sources an edge is used in its walking direction; toward them,
 * the walker comes along it, so the node searched from is where the edge leads.
 */
export interface WalkAdjacency {
  start: Int32Array;
  neighbour: Int32Array;
  length: Float64Array;
}

const adjacencies = new WeakMap<WalkGraph, Record<WalkDirection, WalkAdjacency | undefined>>();

/** Built once per graph and direction: the search then reads one array per step. */
export function walkAdjacency(graph: WalkGraph, direction: WalkDirection): WalkAdjacency {
  let cached = adjacencies.get(graph);
  if (!cached) adjacencies.set(graph, (cached = { away: undefined, toward: undefined }));
  const known = cached[direction];
  if (known) return known;
  const { incidentStart, incidentEdges, edgeFrom, edgeTo, edgeLength, edgeDirection } = graph;
  const n = graph.nodeX.length;
  const ahead = direction === 'away' ? FORWARD : BACKWARD;
  const behind = direction === 'away' ? BACKWARD : FORWARD;
  const start = new Int32Array(n + 1);
  const neighbour = new Int32Array(incidentEdges.length);
  const length = new Float64Array(incidentEdges.length);
  let k = 0;
  for (let node = 0; node < n; node++) {
    start[node] = k;
    for (let i = incidentStart[node]!; i < incidentStart[node + 1]!; i++) {
      const e = incidentEdges[i]!;
      const from = edgeFrom[e]!;
      const to = edgeTo[e]!;
      if (from === to) continue; // a loop leads back to its node
      const next =
        from === node
          ? edgeDirection[e]! & ahead
            ? to
            : -1
          : edgeDirection[e]! & behind
            ? from
            : -1;
      if (next < 0) continue;
      neighbour[k] = next;
      length[k++] = edgeLength[e]!;
    }
  }
  start[n] = k;
  const adjacency = { start, neighbour: neighbour.slice(0, k), length: length.slice(0, k) };
  cached[direction] = adjacency;
  return adjacency;
}

/**
 * Dijkstra's search from all sources at once (one search, however many sources), with a
 * binary heap. Nodes farther than `limit` are left unreached.
 */
export function searchNetwork(
  graph: WalkGraph,
  sources: Sources,
  direction: WalkDirection,
  limit = Infinity,
): SearchResult {
  const n = graph.nodeX.length;
  const distance = new Float64Array(n).fill(Infinity);
  const source = new Int32Array(n).fill(-1);
  const heap = new MinHeap(Math.max(16, sources.points.length * 2));
  const offer = (node: number, d: number, s: number) => {
    if (d < distance[node]! && d <= limit) {
      distance[node] = d;
      source[node] = s;
      heap.push(d, node);
    }
  };
  const away = direction === 'away';
  for (const p of sources.points) {
    const length = graph.edgeLength[p.edge]!;
    const dir = graph.edgeDirection[p.edge]!;
    const from = graph.edgeFrom[p.edge]!;
    const to = graph.edgeTo[p.edge]!;
    // Away: leave p along the edge's direction to `to`, against it to `from`.
    // Toward: come to p from `from` along the edge, or from `to` against it.
    if (dir & FORWARD) {
      if (away) offer(to, p.leg + length - p.along, p.source);
      else offer(from, p.leg + p.along, p.source);
    }
    if (dir & BACKWARD) {
      if (away) offer(from, p.leg + p.along, p.source);
      else offer(to, p.leg + length - p.along, p.source);
    }
  }
  const { start, neighbour, length } = walkAdjacency(graph, direction);
  while (heap.size > 0) {
    const d = heap.peekKey();
    const node = heap.pop();
    if (d > distance[node]!) continue;
    const s = source[node]!;
    for (let i = start[node]!; i < start[node + 1]!; i++) {
      const next = neighbour[i]!;
      const dn = d + length[i]!;
      if (dn < distance[next]! && dn <= limit) {
        distance[next] = dn;
        source[next] = s;
        heap.push(dn, next);
      }
    }
  }
  return { direction, distance, source };
}

/**
 * The network distance at a place on an edge: from the nearest source (away) or to it
 * (toward), including the place's own leg and sources on the same edge.
 */
export function distanceAt(
  graph: WalkGraph,
  result: SearchResult,
  sources: Sources,
  p: EdgePoint,
): { distance: number; source: number } {
  const length = graph.edgeLength[p.edge]!;
  const dir = graph.edgeDirection[p.edge]!;
  const from = graph.edgeFrom[p.edge]!;
  const to = graph.edgeTo[p.edge]!;
  const away = result.direction === 'away';
  let best = Infinity;
  let bestSource = -1;
  const consider = (d: number, s: number) => {
    if (d < best) [best, bestSource] = [d, s];
  };
  // Away: arrive from `from` walking forward, or from `to` walking backward.
  // Toward: leave forward to `to`, or backward to `from`.
  if (dir & FORWARD) {
    if (away) consider(result.distance[from]! + p.along, result.source[from]!);
    else consider(result.distance[to]! + length - p.along, result.source[to]!);
  }
  if (dir & BACKWARD) {
    if (away) consider(result.distance[to]! + length - p.along, result.source[to]!);
    else consider(result.distance[from]! + p.along, result.source[from]!);
  }
  for (const s of sources.byEdge.get(p.edge) ?? []) {
    // The walk runs from the source to p (away) or from p to the source (toward).
    const start = away ? s.along : p.along;
    const end = away ? p.along : s.along;
    if ((end >= start && dir & FORWARD) || (end <= start && dir & BACKWARD)) {
      consider(s.leg + Math.abs(end - start), s.source);
    }
  }
  return best === Infinity
    ? { distance: Infinity, source: -1 }
    : { distance: best + p.leg, source: bestSource };
}
