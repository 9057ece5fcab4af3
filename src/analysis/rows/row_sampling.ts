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

/** Per row, the x-intervals inside the shape's rings (even-odd). */
export function ringRows(shape: PlanarShape, grid: RowGrid): RangedRows {
  const [first, last] = rowRange(grid, shape.bbox[1], shape.bbox[3]);
  const crossings: (number[] | undefined)[] = new Array(Math.max(0, last - first + 1));
  for (const ring of shape.rings) {
    for (let i = 0; i + 3 < ring.length; i += 2) {
      const ax = ring[i]!;
      const ay = ring[i + 1]!;
      const bx = ring[i + 2]!;
      const by = ring[i + 3]!;
      if (ay === by) continue;
      // Half-open in y, so a vertex on a row is crossed once.
      const [from, reached] = rowRange(grid, Math.min(ay, by), Math.max(ay, by));
      const to = reached >= 0 && rowY(grid, reached) === Math.max(ay, by) ? reached - 1 : reached;
      for (let k = from; k <= to; k++) {
        const y = rowY(grid, k);
        (crossings[k - first] ??= []).push(ax + ((y - ay) * (bx - ax)) / (by - ay));
      }
    }
  }
  const rows: (Intervals | undefined)[] = new Array(crossings.length);
  crossings.forEach((xs, i) => {
    if (!xs || xs.length < 2) return;
    xs.sort((a, b) => a - b);
    const pairs: number[] = [];
    for (let j = 0; j + 1 < xs.length; j += 2) {
      if (xs[j]! < xs[j + 1]!) pairs.push(xs[j]!, xs[j + 1]!);
    }
    if (pairs.length > 0) rows[i] = mergeIntervals(pairs);
  });
  return { first, rows };
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
