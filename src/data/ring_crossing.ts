import { orient2d } from 'robust-predicates';
import type { Position } from 'geojson';

/**
 * Whether a ring crosses or touches itself, by a sweep over its edges (Shamos–Hoey) that stops
 * at the first contact: O(n log n) comparisons for a simple ring, and quick on a ring crossing
 * itself early. Orientation tests are exact (robust predicates), so nearly-parallel edges of a
 * long survey outline are judged right. Edges that follow each other along the ring may share
 * their common vertex, nothing more; a repeated position (a zero-length edge) is ignored.
 * The ring may be closed (first = last) or not.
 */
export function ringCrossesItself(ring: readonly Position[]): boolean {
  const points = distinctConsecutive(ring);
  if (points.length < 4) return points.length === 3 && collinearSpike(points);
  return firstContact([points]) !== null;
}

/**
 * The first two rings of a polygon found crossing each other, as their indices in ascending
 * order (0 is the outer ring), or null. Crossing means edges that pass through each other; rings that only touch (a
 * hole meeting its outer ring at a point, as OGC simple features allow) do not count. The same
 * sweep as `ringCrossesItself`, over the edges of all rings at once; each ring must not cross
 * itself (check that first), and a contact within one ring is reported as that ring twice.
 */
export function ringsCrossEachOther(
  rings: readonly (readonly Position[])[],
): [number, number] | null {
  const kept: Position[][] = [];
  const index: number[] = [];
  rings.forEach((ring, r) => {
    const points = distinctConsecutive(ring);
    if (points.length >= 3) {
      kept.push(points);
      index.push(r);
    }
  });
  if (kept.length < 2) return null;
  const found = firstContact(kept);
  if (!found) return null;
  const [a, b] = [index[found[0]]!, index[found[1]]!];
  return a <= b ? [a, b] : [b, a];
}

/**
 * Shamos–Hoey over the edges of closed rings (each without its closing repeat): the rings of
 * the first contact found, or null. Within a ring, edges that follow each other may share their
 * common vertex and nothing more; between rings only a proper crossing counts, and the sweep
 * goes on past a touch (touching edges keep their order along the sweep line).
 */
function firstContact(rings: readonly Position[][]): [number, number] | null {
  let n = 0;
  for (const ring of rings) n += ring.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  // Edge i runs from vertex i to vertex next[i], the following vertex of the same ring.
  const next = new Int32Array(n);
  const ringOf = new Int32Array(n);
  let offset = 0;
  rings.forEach((ring, r) => {
    ring.forEach((p, k) => {
      xs[offset + k] = p[0]!;
      ys[offset + k] = p[1]!;
      next[offset + k] = offset + ((k + 1) % ring.length);
      ringOf[offset + k] = r;
    });
    offset += ring.length;
  });
  // `left` is an edge's lexicographically smaller end.
  const left = new Int32Array(n);
  const right = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = i;
    const b = next[i]!;
    const aFirst = xs[a]! < xs[b]! || (xs[a] === xs[b] && ys[a]! < ys[b]!);
    left[i] = aFirst ? a : b;
    right[i] = aFirst ? b : a;
  }
  // Events: 2i is edge i's start (at its left end), 2i+1 its end; starts before ends at a point.
  const events = new Int32Array(2 * n);
  for (let i = 0; i < 2 * n; i++) events[i] = i;
  const at = (event: number) => ((event & 1) === 0 ? left[event >> 1]! : right[event >> 1]!);
  events.sort((e, f) => {
    const p = at(e);
    const q = at(f);
    return xs[p]! - xs[q]! || ys[p]! - ys[q]! || (e & 1) - (f & 1);
  });

  const adjacent = (i: number, j: number) => next[i] === j || next[j] === i;
  const orient = (edge: number, point: number) =>
    // Negative when the point lies left of (above) the edge directed left to right.
    orient2d(
      xs[left[edge]!]!,
      ys[left[edge]!]!,
      xs[right[edge]!]!,
      ys[right[edge]!]!,
      xs[point]!,
      ys[point]!,
    );
  const touch = (i: number, j: number): boolean => {
    if (ringOf[i] !== ringOf[j]) return edgesCross(i, j);
    if (adjacent(i, j)) return adjacentOverlap(i, j);
    return edgesMeet(i, j);
  };
  const onEdge = (edge: number, point: number) => {
    const a = left[edge]!;
    const b = right[edge]!;
    return (
      Math.min(xs[a]!, xs[b]!) <= xs[point]! &&
      xs[point]! <= Math.max(xs[a]!, xs[b]!) &&
      Math.min(ys[a]!, ys[b]!) <= ys[point]! &&
      ys[point]! <= Math.max(ys[a]!, ys[b]!)
    );
  };
  const opposite = (d: number, e: number) => (d > 0 && e < 0) || (d < 0 && e > 0);
  const edgesCross = (i: number, j: number): boolean =>
    opposite(orient(i, left[j]!), orient(i, right[j]!)) &&
    opposite(orient(j, left[i]!), orient(j, right[i]!));
  const edgesMeet = (i: number, j: number): boolean => {
    const d1 = orient(i, left[j]!);
    const d2 = orient(i, right[j]!);
    const d3 = orient(j, left[i]!);
    const d4 = orient(j, right[i]!);
    if (opposite(d1, d2) && opposite(d3, d4)) return true;
    return (
      (d1 === 0 && onEdge(i, left[j]!)) ||
      (d2 === 0 && onEdge(i, right[j]!)) ||
      (d3 === 0 && onEdge(j, left[i]!)) ||
      (d4 === 0 && onEdge(j, right[i]!))
    );
  };
  // Two following edges share a vertex; they meet elsewhere only by folding back along a line.
  const adjacentOverlap = (i: number, j: number): boolean => {
    const shared = next[j] === i ? i : j;
    const other = (k: number) => (left[k] === shared ? right[k]! : left[k]!);
    const a = other(i);
    const b = other(j);
    if (orient(i, b) !== 0) return false;
    // Collinear: they overlap when both other ends lie on the same side of the shared vertex.
    const dot =
      (xs[a]! - xs[shared]!) * (xs[b]! - xs[shared]!) +
      (ys[a]! - ys[shared]!) * (ys[b]! - ys[shared]!);
    return dot > 0;
  };
  // Whether active edge f lies below the new edge e where the sweep meets e's left end.
  const below = (f: number, e: number): boolean => {
    const side = orient(f, left[e]!);
    if (side !== 0) return side < 0;
    const rightSide = orient(f, right[e]!);
    if (rightSide !== 0) return rightSide < 0;
    return f < e;
  };
  const contact = (i: number, j: number): [number, number] => [ringOf[i]!, ringOf[j]!];

  const active: number[] = [];
  for (const event of events) {
    const edge = event >> 1;
    if ((event & 1) === 0) {
      let lo = 0;
      let hi = active.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (below(active[mid]!, edge)) lo = mid + 1;
        else hi = mid;
      }
      active.splice(lo, 0, edge);
      if (lo > 0 && touch(active[lo - 1]!, edge)) return contact(active[lo - 1]!, edge);
      if (lo + 1 < active.length && touch(edge, active[lo + 1]!)) {
        return contact(edge, active[lo + 1]!);
      }
    } else {
      const k = active.indexOf(edge);
      active.splice(k, 1);
      if (k > 0 && k < active.length && touch(active[k - 1]!, active[k]!)) {
        return contact(active[k - 1]!, active[k]!);
      }
    }
  }
  return null;
}

/** The positions without consecutive repeats, and without the closing repeat of the first. */
export function distinctConsecutive(ring: readonly Position[]): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const last = out.at(-1);
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  while (out.length > 1 && out[0]![0] === out.at(-1)![0] && out[0]![1] === out.at(-1)![1]) {
    out.pop();
  }
  return out;
}

/** A triangle is simple unless its three corners lie on one line. */
function collinearSpike(points: Position[]): boolean {
  const [a, b, c] = points as [Position, Position, Position];
  return orient2d(a[0]!, a[1]!, b[0]!, b[1]!, c[0]!, c[1]!) === 0;
}
