import type { Intervals } from './intervals';
import { mergeIntervals } from './intervals';
import type { PlanarShape } from './planar_shape';

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

/** Per row, the x-intervals inside the shape's rings (even-odd). Rows it misses stay undefined. */
export function ringRows(shape: PlanarShape, grid: RowGrid): (Intervals | undefined)[] {
  const crossings: (number[] | undefined)[] = new Array(grid.count);
  for (const ring of shape.rings) {
    for (let i = 0; i + 3 < ring.length; i += 2) {
      const ax = ring[i]!;
      const ay = ring[i + 1]!;
      const bx = ring[i + 2]!;
      const by = ring[i + 3]!;
      if (ay === by) continue;
      // Half-open in y, so a vertex on a row is crossed once.
      const lowY = Math.min(ay, by);
      const highY = Math.max(ay, by);
      const [first, lastReached] = rowRange(grid, lowY, highY);
      const last =
        lastReached >= 0 && rowY(grid, lastReached) === highY ? lastReached - 1 : lastReached;
      for (let k = first; k <= last; k++) {
        const y = rowY(grid, k);
        (crossings[k] ??= []).push(ax + ((y - ay) * (bx - ax)) / (by - ay));
      }
    }
  }
  const rows: (Intervals | undefined)[] = new Array(grid.count);
  for (let k = 0; k < grid.count; k++) {
    const xs = crossings[k];
    if (!xs || xs.length < 2) continue;
    xs.sort((a, b) => a - b);
    const pairs: number[] = [];
    for (let i = 0; i + 1 < xs.length; i += 2)
      if (xs[i]! < xs[i + 1]!) pairs.push(xs[i]!, xs[i + 1]!);
    if (pairs.length > 0) rows[k] = mergeIntervals(pairs);
  }
  return rows;
}

/** Merges row sets (for example several features' rows) into one. */
export function unionRows(
  grid: RowGrid,
  sets: readonly (Intervals | undefined)[][],
): (Intervals | undefined)[] {
  const rows: (Intervals | undefined)[] = new Array(grid.count);
  for (let k = 0; k < grid.count; k++) {
    const pairs: number[] = [];
    for (const set of sets) {
      const row = set[k];
      if (row) for (const v of row) pairs.push(v);
    }
    if (pairs.length > 0) rows[k] = mergeIntervals(pairs);
  }
  return rows;
}
