import type { Intervals } from './intervals';
import { mergeIntervals, sortRange } from './intervals';
import type { PlanarShape } from '../planar_shape';
import { ringRowsByKernel } from './reach_kernel';

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
  return [firstRowFrom(grid, minY), lastRowTo(grid, maxY)];
}

/** First row whose sample y is at or above `y` (clamped to the grid). */
export function firstRowFrom(grid: RowGrid, y: number): number {
  return Math.max(0, Math.ceil((y - grid.y0) / grid.spacingM - 0.5));
}

/** Last row whose sample y is at or below `y` (clamped to the grid). */
export function lastRowTo(grid: RowGrid, y: number): number {
  return Math.min(grid.count - 1, Math.floor((y - grid.y0) / grid.spacingM - 0.5));
}

/** Row intervals of one shape, kept only over the rows it spans: rows[i] is row first + i. */
export interface RangedRows {
  first: number;
  rows: (Intervals | undefined)[];
}

/**
 * Per row, the x-intervals inside the shape's rings (even-odd), kept over the rows it spans.
 */
export function ringRows(shape: PlanarShape, grid: RowGrid): RangedRows {
  const first = firstRowFrom(grid, shape.bbox[1]);
  const last = lastRowTo(grid, shape.bbox[3]);
  const rows: (Intervals | undefined)[] = new Array(Math.max(0, last - first + 1));
  addRingRows(shape, grid, rows, first);
  return { first, rows };
}

/**
 * Per row, the union of the shapes' insides (each filled even-odd): residential land from its
 * blocks. Each row is merged once, from every block's intervals on it.
 */
export function unionOfRingRows(
  shapes: readonly PlanarShape[],
  grid: RowGrid,
): (Intervals | undefined)[] {
  const buckets: (number[] | undefined)[] = new Array(grid.count);
  for (let i = 0; i < shapes.length; i++) addRingRows(shapes[i]!, grid, buckets, 0);
  const rows: (Intervals | undefined)[] = [];
  for (let k = 0; k < grid.count; k++) {
    const bucket = buckets[k];
    rows.push(bucket ? mergeIntervals(bucket) : undefined);
  }
  return rows;
}

// Buffers reused by every shape: the first analysis samples hundreds of blocks before the
// engine has optimised anything, and allocating per shape (or per edge, as a callback would)
// is what made it slow. Grown on demand, never shrunk.
let rowStarts = new Int32Array(256);
let rowFill = new Int32Array(256);
let crossings = new Float64Array(1024);
/** Per crossing edge: its first and last row, and its ends ax, ay, bx, by. */
let edgeRows = new Int32Array(2 * 256);
let edgeEnds = new Float64Array(4 * 256);

/**
 * Appends the shape's even-odd intervals on row k to `buckets[k - offset]` (creating it),
 * pairs of sorted crossings, joined where one ends where the next starts. Within one call a
 * row's intervals are disjoint and ascending, as `ringRows` returns them.
 */
function addRingRows(
  shape: PlanarShape,
  grid: RowGrid,
  buckets: (number[] | undefined)[],
  offset: number,
): void {
  const first = firstRowFrom(grid, shape.bbox[1]);
  const last = lastRowTo(grid, shape.bbox[3]);
  const count = last - first + 1;
  if (count <= 0) return;
  const byKernel = ringRowsByKernel(shape.rings, grid.y0, grid.spacingM, grid.count, first, count);
  if (byKernel) {
    // Each row's intervals come joined as the loop below joins them; earlier shapes' stay apart.
    const { rows, starts, ends } = byKernel;
    for (let i = 0; i < rows.length; i++) {
      (buckets[rows[i]! - offset] ??= []).push(starts[i]!, ends[i]!);
    }
    return;
  }
  if (rowStarts.length < count + 1) {
    rowStarts = new Int32Array(2 * (count + 1));
    rowFill = new Int32Array(2 * (count + 1));
  }
  rowStarts.fill(0, 0, count + 1);
  // The edges that cross a row, with the rows they cross (half-open in y, so a vertex on a
  // row is crossed once); and per row the crossings: +1 at an edge's first row, −1 past its last.
  let edgeCount = 0;
  const rings = shape.rings;
  for (let r = 0; r < rings.length; r++) {
    const ring = rings[r]!;
    for (let i = 0; i + 3 < ring.length; i += 2) {
      const ay = ring[i + 1]!;
      const by = ring[i + 3]!;
      if (ay === by) continue;
      const low = ay < by ? ay : by;
      const high = ay < by ? by : ay;
      const from = firstRowFrom(grid, low);
      const reached = lastRowTo(grid, high);
      const to = reached >= 0 && rowY(grid, reached) === high ? reached - 1 : reached;
      if (from > to) continue;
      if (edgeRows.length < 2 * (edgeCount + 1)) growEdges();
      edgeRows[2 * edgeCount] = from;
      edgeRows[2 * edgeCount + 1] = to;
      edgeEnds[4 * edgeCount] = ring[i]!;
      edgeEnds[4 * edgeCount + 1] = ay;
      edgeEnds[4 * edgeCount + 2] = ring[i + 2]!;
      edgeEnds[4 * edgeCount + 3] = by;
      edgeCount++;
      rowStarts[from - first]! += 1;
      rowStarts[to - first + 1]! -= 1;
    }
  }
  let total = 0;
  let running = 0;
  for (let i = 0; i < count; i++) {
    running += rowStarts[i]!;
    rowStarts[i] = total;
    rowFill[i] = total;
    total += running;
  }
  rowStarts[count] = total;
  if (crossings.length < total) crossings = new Float64Array(2 * total);
  const xs = crossings;
  for (let e = 0; e < edgeCount; e++) {
    const to = edgeRows[2 * e + 1]!;
    const ax = edgeEnds[4 * e]!;
    const ay = edgeEnds[4 * e + 1]!;
    const bx = edgeEnds[4 * e + 2]!;
    const by = edgeEnds[4 * e + 3]!;
    for (let k = edgeRows[2 * e]!; k <= to; k++) {
      const y = grid.y0 + (k + 0.5) * grid.spacingM;
      xs[rowFill[k - first]!++] = ax + ((y - ay) * (bx - ax)) / (by - ay);
    }
  }
  for (let i = 0; i < count; i++) {
    const lo = rowStarts[i]!;
    const hi = rowStarts[i + 1]!;
    if (hi - lo < 2) continue;
    sortRange(xs, lo, hi);
    let bucket: number[] | undefined;
    let joinFrom = 0;
    for (let j = lo; j + 1 < hi; j += 2) {
      const a = xs[j]!;
      const b = xs[j + 1]!;
      if (!(a < b)) continue;
      if (!bucket) {
        bucket = buckets[first + i - offset] ??= [];
        joinFrom = bucket.length;
      }
      const n = bucket.length;
      if (n > joinFrom && a <= bucket[n - 1]!) {
        if (b > bucket[n - 1]!) bucket[n - 1] = b;
      } else bucket.push(a, b);
    }
  }
}

function growEdges(): void {
  const rows = new Int32Array(2 * edgeRows.length);
  rows.set(edgeRows);
  edgeRows = rows;
  const ends = new Float64Array(2 * edgeEnds.length);
  ends.set(edgeEnds);
  edgeEnds = ends;
}

/** Merges ranged row sets (for example several features' rows) into one row per grid row. */
export function unionRows(grid: RowGrid, sets: readonly RangedRows[]): (Intervals | undefined)[] {
  const pairs: (number[] | undefined)[] = new Array(grid.count);
  for (const { first, rows } of sets) {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (!row) continue;
      const bucket = (pairs[first + i] ??= []);
      for (let j = 0; j < row.length; j++) bucket.push(row[j]!);
    }
  }
  const union: (Intervals | undefined)[] = [];
  for (let k = 0; k < grid.count; k++) {
    const row = pairs[k];
    union.push(row ? mergeIntervals(row) : undefined);
  }
  return union;
}
