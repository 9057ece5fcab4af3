import type { Intervals } from './intervals';
import { mergeIntervals } from './intervals';
import type { PlanarShape } from '../planar_shape';

/**
 * Horizontal rows `spacingM` apart; row k samples y = y0 + (k + ½)·spacing and stands for the
 * band of that height around it. Along a row everything is exact; only y is sampled.
 */
export interface RowGrid {
  y0: number;
  spacingM: number;
  count: number;
}

export function createRowGrid(minY: number, maxY: number, spacingM: number): RowGrid {
  if (!(spacingM > 0)) throw new Error(`row spacing must be positive, got ${spacingM}`);
  return { y0: minY, spacingM, count: Math.max(1, Math.ceil((maxY - minY) / spacingM)) };
}

export const rowY = (grid: RowGrid, k: number) => grid.y0 + (k + 0.5) * grid.spacingM;

/** First and last row whose sample y lies in [minY, maxY], clamped to the grid. */
export function rowRange(grid: RowGrid, minY: number, maxY: number): [first: number, last: number] {
  const first = Math.max(0, Math.ceil((minY - grid.y0) / grid.spacingM - 0.5));
  const last = Math.min(grid.count - 1, Math.floor((maxY - grid.y0) / grid.spacingM - 0.5));
  return [first, last];
}

/** Row intervals of one shape, kept only over the rows it spans: rows[i] is row first + i. */
export interface RangedRows {
  first: number;
  rows: (Intervals | undefined)[];
}

/**
 * Per row, the x-intervals inside the shape's rings (even-odd). The crossings of all rows go
 * into one typed array, counted first, so the work per row allocates only its result: this
 * runs for every block on the first analysis, before the engine has optimised it.
 */
export function ringRows(shape: PlanarShape, grid: RowGrid): RangedRows {
  const [first, last] = rowRange(grid, shape.bbox[1], shape.bbox[3]);
  const count = Math.max(0, last - first + 1);
  // Crossings per row: +1 at the edge's first row, −1 past its last, then summed.
  const offsets = new Int32Array(count + 1);
  forEachEdgeRows(shape, grid, (from, to) => {
    offsets[from - first]! += 1;
    offsets[to - first + 1]! -= 1;
  });
  let total = 0;
  let running = 0;
  for (let i = 0; i < count; i++) {
    running += offsets[i]!;
    offsets[i] = total;
    total += running;
  }
  offsets[count] = total;
  const filled = offsets.slice(0, count);
  const xs = new Float64Array(total);
  forEachEdgeRows(shape, grid, (from, to, ax, ay, bx, by) => {
    for (let k = from; k <= to; k++) {
      const y = grid.y0 + (k + 0.5) * grid.spacingM;
      xs[filled[k - first]!++] = ax + ((y - ay) * (bx - ax)) / (by - ay);
    }
  });
  const rows: (Intervals | undefined)[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const lo = offsets[i]!;
    const hi = offsets[i + 1]!;
    if (hi - lo < 2) continue;
    sortRange(xs, lo, hi);
    // Even-odd pairs of sorted crossings, joined where one ends where the next starts.
    const row: Intervals = [];
    for (let j = lo; j + 1 < hi; j += 2) {
      const a = xs[j]!;
      const b = xs[j + 1]!;
      if (!(a < b)) continue;
      if (row.length > 0 && a <= row[row.length - 1]!) {
        if (b > row[row.length - 1]!) row[row.length - 1] = b;
      } else row.push(a, b);
    }
    if (row.length > 0) rows[i] = row;
  }
  return { first, rows };
}

/**
 * Calls `visit` for each ring edge that crosses a row, with the rows it crosses. Half-open in
 * y, so a vertex on a row is crossed once.
 */
function forEachEdgeRows(
  shape: PlanarShape,
  grid: RowGrid,
  visit: (from: number, to: number, ax: number, ay: number, bx: number, by: number) => void,
): void {
  for (const ring of shape.rings) {
    for (let i = 0; i + 3 < ring.length; i += 2) {
      const ay = ring[i + 1]!;
      const by = ring[i + 3]!;
      if (ay === by) continue;
      const low = ay < by ? ay : by;
      const high = ay < by ? by : ay;
      const from = Math.max(0, Math.ceil((low - grid.y0) / grid.spacingM - 0.5));
      const reached = Math.min(grid.count - 1, Math.floor((high - grid.y0) / grid.spacingM - 0.5));
      const to = reached >= 0 && rowY(grid, reached) === high ? reached - 1 : reached;
      if (from <= to) visit(from, to, ring[i]!, ay, ring[i + 2]!, by);
    }
  }
}

/** Sorts xs[lo..hi) ascending: by insertion for the few crossings most rows have. */
function sortRange(xs: Float64Array, lo: number, hi: number): void {
  if (hi - lo > 32) {
    xs.subarray(lo, hi).sort();
    return;
  }
  for (let i = lo + 1; i < hi; i++) {
    const x = xs[i]!;
    let j = i - 1;
    while (j >= lo && xs[j]! > x) {
      xs[j + 1] = xs[j]!;
      j--;
    }
    xs[j + 1] = x;
  }
}

/** Merges ranged row sets (for example several features' rows) into one row per grid row. */
export function unionRows(grid: RowGrid, sets: readonly RangedRows[]): (Intervals | undefined)[] {
  const pairs: (number[] | undefined)[] = new Array(grid.count);
  for (const { first, rows } of sets) {
    rows.forEach((row, i) => {
      if (!row) return;
      const bucket = (pairs[first + i] ??= []);
      for (const v of row) bucket.push(v);
    });
  }
  return Array.from(pairs, (row) => (row ? mergeIntervals(row) : undefined));
}
