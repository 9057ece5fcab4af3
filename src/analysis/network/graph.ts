/**
 * A walking network in planar metres: nodes where streets meet or end, edges between them
 * with their polyline and length. An edge may be walkable one way only (a footway tagged
 * oneway); roads' vehicle one-way rules do not bind pedestrians.
 */
export const FORWARD = 1;
export const BACKWARD = 2;
export const BOTH = FORWARD | BACKWARD;

export interface WalkGraph {
  nodeX: Float64Array;
  nodeY: Float64Array;
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  edgeLength: Float64Array;
  /** FORWARD (from → to), BACKWARD or BOTH. */
  edgeDirection: Uint8Array;
  /** Each edge's polyline, flat [x0, y0, x1, y1, …], from its `from` node to its `to` node. */
  edgeCoords: Float64Array[];
  /** Incident edges per node (CSR): edges of node n are incidentEdges[incidentStart[n]…[n+1]). */
  incidentStart: Int32Array;
  incidentEdges: Int32Array;
}

/** A piece of street between two nodes, before the graph is built. */
export interface WalkSegment {
  from: number;
  to: number;
  coords: number[];
  direction: number;
}

export function polylineLength(coords: ArrayLike<number>): number {
  let length = 0;
  for (let i = 0; i + 3 < coords.length; i += 2) {
    length += Math.hypot(coords[i + 2]! - coords[i]!, coords[i + 3]! - coords[i + 1]!);
  }
  return length;
}

/** Builds the graph from node positions and segments; zero-length segments are dropped. */
export function createGraph(nodeXY: number[], segments: WalkSegment[]): WalkGraph {
  const kept = segments.filter((s) => s.from !== s.to || polylineLength(s.coords) > 0);
  const nodeCount = nodeXY.length / 2;
  const graph: WalkGraph = {
    nodeX: new Float64Array(nodeCount),
    nodeY: new Float64Array(nodeCount),
    edgeFrom: Int32Array.from(kept, (s) => s.from),
    edgeTo: Int32Array.from(kept, (s) => s.to),
    edgeLength: Float64Array.from(kept, (s) => polylineLength(s.coords)),
    edgeDirection: Uint8Array.from(kept, (s) => s.direction),
    edgeCoords: kept.map((s) => Float64Array.from(s.coords)),
    incidentStart: new Int32Array(nodeCount + 1),
    incidentEdges: new Int32Array(0),
  };
  for (let n = 0; n < nodeCount; n++) {
    graph.nodeX[n] = nodeXY[2 * n]!;
    graph.nodeY[n] = nodeXY[2 * n + 1]!;
  }
  const degree = new Int32Array(nodeCount + 1);
  kept.forEach((s) => {
    degree[s.from + 1]!++;
    if (s.to !== s.from) degree[s.to + 1]!++;
  });
  for (let n = 0; n < nodeCount; n++) degree[n + 1]! += degree[n]!;
  graph.incidentStart = degree.slice();
  const fill = degree.slice(0, nodeCount);
  graph.incidentEdges = new Int32Array(degree[nodeCount]!);
  kept.forEach((s, e) => {
    graph.incidentEdges[fill[s.from]!++] = e;
    if (s.to !== s.from) graph.incidentEdges[fill[s.to]!++] = e;
  });
  return graph;
}

export interface ComponentReport {
  /** Edges in the graph that was kept (the largest connected part, by length). */
  keptEdges: number;
  /** Edges in the other, smaller parts: unreachable from the main network. */
  droppedEdges: number;
  /** How many separate parts were dropped. */
  droppedComponents: number;
}

/**
 * Keeps the largest connected component (by total length, ignoring direction) and reports
 * what was left out.
 */
export function largestComponent(
  nodeXY: number[],
  segments: WalkSegment[],
): { graph: WalkGraph; report: ComponentReport } {
  const nodeCount = nodeXY.length / 2;
  const parent = Int32Array.from({ length: nodeCount }, (_, i) => i);
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]!]!;
      a = parent[a]!;
    }
    return a;
  };
  for (const s of segments) {
    const a = find(s.from);
    const b = find(s.to);
    if (a !== b) parent[a] = b;
  }
  const lengthByRoot = new Map<number, number>();
  const lengths = segments.map((s) => polylineLength(s.coords));
  segments.forEach((s, i) => {
    const root = find(s.from);
    lengthByRoot.set(root, (lengthByRoot.get(root) ?? 0) + lengths[i]!);
  });
  let bestRoot = -1;
  let bestLength = -1;
  for (const [root, length] of lengthByRoot) {
    if (length > bestLength) [bestRoot, bestLength] = [root, length];
  }
  const keep = segments.filter((s) => find(s.from) === bestRoot);
  // Renumber the nodes the kept segments use.
  const newIndex = new Int32Array(nodeCount).fill(-1);
  const xy: number[] = [];
  const renumber = (n: number) => {
    if (newIndex[n] === -1) {
      newIndex[n] = xy.length / 2;
      xy.push(nodeXY[2 * n]!, nodeXY[2 * n + 1]!);
    }
    return newIndex[n]!;
  };
  const renumbered = keep.map((s) => ({ ...s, from: renumber(s.from), to: renumber(s.to) }));
  const graph = createGraph(xy, renumbered);
  return {
    graph,
    report: {
      keptEdges: graph.edgeFrom.length,
      droppedEdges: segments.length - keep.length,
      droppedComponents: Math.max(0, lengthByRoot.size - 1),
    },
  };
}
