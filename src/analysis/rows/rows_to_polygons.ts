import type { Position } from 'geojson';
import type { Intervals } from './intervals';
import type { LocalProjection } from '../local_projection';
import { type RowGrid, rowY } from './row_sampling';

/** Milliseconds spent in rowsToPolygons since the caller last reset it (for stage timing). */
export const polygonClock = { ms: 0 };

interface Chain {
  firstRow: number;
  left: number[];
  right: number[];
}

/**
 * Turns row intervals back into polygons for the map: an interval that continues one-to-one
 * into the next row extends a chain whose sides join the exact interval ends; where pieces
 * split or merge, chains end and new ones start. Sides are simplified to `toleranceM`.
 * Returns lon/lat polygons (outer rings only — the chains tile the region without holes).
 */
export function rowsToPolygons(
  rows: readonly (Intervals | undefined)[],
  grid: RowGrid,
  projection: LocalProjection,
  toleranceM = 0.5,
): Position[][][] {
  const startedAt = performance.now();
  const polygons: Position[][][] = [];
  let active: Chain[] = [];
  let previous: Intervals = [];
  // Plain loops over typed arrays, no closures or destructuring per row or point: the first
  // analysis runs this before the engine has optimised it, and builds every polygon once.
  for (let k = 0; k <= grid.count; k++) {
    const current = (k < grid.count ? rows[k] : undefined) ?? [];
    const count = current.length >> 1;
    // Per row only the counts are cleared: the arrays are shared by every row and call.
    if (scratch.chainLinks.length < active.length) growChains(active.length);
    if (scratch.intervalLinks.length < count) growIntervals(count);
    const chainLinks = scratch.chainLinks;
    const continued = scratch.continued;
    const intervalLinks = scratch.intervalLinks;
    const partner = scratch.partner;
    chainLinks.fill(0, 0, active.length);
    continued.fill(0, 0, active.length);
    intervalLinks.fill(0, 0, count);
    partner.fill(-1, 0, count);
    for (let i = 0, j = 0; i < previous.length && j < current.length;) {
      if (previous[i]! < current[j + 1]! && current[j]! < previous[i + 1]!) {
        chainLinks[i >> 1]!++;
        intervalLinks[j >> 1]!++;
        partner[j >> 1] = i >> 1;
      }
      if (previous[i + 1]! < current[j + 1]!) i += 2;
      else j += 2;
    }
    const next: Chain[] = [];
    for (let j = 0; j < count; j++) {
      const c = partner[j]!;
      if (intervalLinks[j] === 1 && c >= 0 && chainLinks[c] === 1) {
        const chain = active[c]!;
        chain.left.push(current[2 * j]!);
        chain.right.push(current[2 * j + 1]!);
        next.push(chain);
        continued[c] = 1;
      } else {
        next.push({ firstRow: k, left: [current[2 * j]!], right: [current[2 * j + 1]!] });
      }
    }
    for (let c = 0; c < active.length; c++) {
      if (continued[c] === 0) polygons.push([chainRing(active[c]!, grid, projection, toleranceM)]);
    }
    active = next;
    previous = current;
  }
  polygonClock.ms += performance.now() - startedAt;
  return polygons;
}

/** Per chain of the last row and per interval of this one, reused (no arrays per row). */
const scratch = {
  chainLinks: new Int32Array(256),
  continued: new Uint8Array(256),
  intervalLinks: new Int32Array(256),
  partner: new Int32Array(256),
};

function growChains(count: number): void {
  scratch.chainLinks = new Int32Array(2 * count);
  scratch.continued = new Uint8Array(2 * count);
}

function growIntervals(count: number): void {
  scratch.intervalLinks = new Int32Array(2 * count);
  scratch.partner = new Int32Array(2 * count);
}

/** A chain's side as a flat [x0, y0, …] line: its row ends, closed half a row above and below. */
function sideLine(xs: number[], grid: RowGrid, firstRow: number): number[] {
  const half = grid.spacingM / 2;
  const n = xs.length;
  const line = new Array<number>(2 * (n + 2));
  line[0] = xs[0]!;
  line[1] = rowY(grid, firstRow) - half;
  for (let i = 0; i < n; i++) {
    line[2 * i + 2] = xs[i]!;
    line[2 * i + 3] = rowY(grid, firstRow + i);
  }
  line[2 * n + 2] = xs[n - 1]!;
  line[2 * n + 3] = rowY(grid, firstRow + n - 1) + half;
  return line;
}

function chainRing(
  chain: Chain,
  grid: RowGrid,
  projection: LocalProjection,
  toleranceM: number,
): Position[] {
  const left = sideLine(chain.left, grid, chain.firstRow);
  const right = sideLine(chain.right, grid, chain.firstRow);
  const keepLeft = simplifiedPoints(left, toleranceM);
  const keepRight = simplifiedPoints(right, toleranceM);
  const ring: Position[] = [];
  const xy = [0, 0];
  const lonLat = (line: number[], i: number): Position => {
    xy[0] = line[2 * i]!;
    xy[1] = line[2 * i + 1]!;
    const p = projection.inverse(xy);
    return [Math.round(p[0] * 1e7) / 1e7, Math.round(p[1] * 1e7) / 1e7];
  };
  for (let i = 0; i < keepLeft.length; i++) {
    if (keepLeft[i] === 1) ring.push(lonLat(left, i));
  }
  for (let i = keepRight.length - 1; i >= 0; i--) {
    if (keepRight[i] === 1) ring.push(lonLat(right, i));
  }
  ring.push(lonLat(left, 0));
  return ring;
}

/**
 * Douglas–Peucker on a flat [x0, y0, …] line: per point, 1 where it is kept (no dropped point
 * lies farther than `tolerance` from the simplified line).
 */
function simplifiedPoints(line: number[], tolerance: number): Uint8Array {
  const n = line.length >> 1;
  const keep = new Uint8Array(n);
  if (n <= 2) return keep.fill(1);
  keep[0] = 1;
  keep[n - 1] = 1;
  const stack: number[] = [0, n - 1];
  while (stack.length > 0) {
    const last = stack.pop()!;
    const first = stack.pop()!;
    const ax = line[2 * first]!;
    const ay = line[2 * first + 1]!;
    const bx = line[2 * last]!;
    const by = line[2 * last + 1]!;
    const length = Math.hypot(bx - ax, by - ay);
    let worst = -1;
    let worstDistance = tolerance;
    for (let i = first + 1; i < last; i++) {
      const px = line[2 * i]!;
      const py = line[2 * i + 1]!;
      const d =
        length === 0
          ? Math.hypot(px - ax, py - ay)
          : Math.abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length;
      if (d > worstDistance) {
        worst = i;
        worstDistance = d;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push(first, worst, worst, last);
    }
  }
  return keep;
}
