import { mergeIntervals } from './intervals';
import type { PlanarShape } from '../planar_shape';
import { simplifyShape } from './simplify_outline';
import { type RowGrid, ringRows, rowRange, rowY } from './row_sampling';

/**
 * Appends to `pairs[k]`, for every row k the facility can reach, the x-interval of points
 * within `radiusM` of it. A polygon reaches its inside and the r-neighbourhood of every edge
 * (a convex "stadium", which meets a row in one interval); a point reaches a disc. Rows with
 * `wanted[k] === 0` are skipped. Outlines are simplified within OUTLINE_TOLERANCE_M first,
 * which bounds the work a survey outline of tens of thousands of vertices costs.
 */
export function addReachIntervals(
  pairs: (number[] | undefined)[],
  facilityShape: PlanarShape,
  radiusM: number,
  grid: RowGrid,
  wanted: Uint8Array,
): void {
  const shape = simplifyShape(facilityShape);
  // Merge the facility's own intervals first: far fewer pairs reach the shared rows.
  const [first] = rowRange(grid, shape.bbox[1] - radiusM, shape.bbox[3] + radiusM);
  const local: (number[] | undefined)[] = [];
  const push = (k: number, start: number, end: number) => {
    (local[k - first] ??= []).push(start, end);
  };
  for (let i = 0; i < shape.points.length; i += 2) {
    addDisc(shape.points[i]!, shape.points[i + 1]!, radiusM, grid, wanted, push);
  }
  for (const line of [...shape.paths, ...shape.rings]) {
    if (line.length === 2) addDisc(line[0]!, line[1]!, radiusM, grid, wanted, push);
    for (let i = 0; i + 3 < line.length; i += 2) {
      addStadium(line[i]!, line[i + 1]!, line[i + 2]!, line[i + 3]!, radiusM, grid, wanted, push);
    }
  }
  if (shape.rings.length > 0) {
    const inside = ringRows(shape, grid);
    inside.rows.forEach((row, i) => {
      const k = inside.first + i;
      if (row && wanted[k]) for (let j = 0; j < row.length; j += 2) push(k, row[j]!, row[j + 1]!);
    });
  }
  local.forEach((row, i) => {
    if (!row) return;
    const merged = row.length > 2 ? mergeIntervals(row) : row;
    const bucket = (pairs[first + i] ??= []);
    for (const v of merged) bucket.push(v);
  });
}

type Push = (k: number, start: number, end: number) => void;

function addDisc(cx: number, cy: number, r: number, grid: RowGrid, wanted: Uint8Array, push: Push) {
  const [first, last] = rowRange(grid, cy - r, cy + r);
  for (let k = first; k <= last; k++) {
    if (!wanted[k]) continue;
    const dy = rowY(grid, k) - cy;
    const half = Math.sqrt(Math.max(0, r * r - dy * dy));
    push(k, cx - half, cx + half);
  }
}

/** Points within r of segment AB on each row: the hull of the two end discs and the band. */
function addStadium(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  r: number,
  grid: RowGrid,
  wanted: Uint8Array,
  push: Push,
) {
  const length = Math.hypot(bx - ax, by - ay);
  const ux = (bx - ax) / length;
  const uy = (by - ay) / length;
  const [first, last] = rowRange(grid, Math.min(ay, by) - r, Math.max(ay, by) + r);
  for (let k = first; k <= last; k++) {
    if (!wanted[k]) continue;
    const y = rowY(grid, k);
    let start = Infinity;
    let end = -Infinity;
    const dya = y - ay;
    if (dya <= r && dya >= -r) {
      const half = Math.sqrt(r * r - dya * dya);
      start = ax - half;
      end = ax + half;
    }
    const dyb = y - by;
    if (dyb <= r && dyb >= -r) {
      const half = Math.sqrt(r * r - dyb * dyb);
      if (bx - half < start) start = bx - half;
      if (bx + half > end) end = bx + half;
    }
    if (length > 0) {
      // Band: |cross(u, P − A)| ≤ r and 0 ≤ dot(u, P − A) ≤ length, each linear in x.
      const band = linearBand(-uy, ux * (y - ay), -r, r, ax);
      const along = linearBand(ux, uy * (y - ay), 0, length, ax);
      if (band && along) {
        const s = Math.max(band[0], along[0]);
        const e = Math.min(band[1], along[1]);
        if (s <= e) {
          start = Math.min(start, s);
          end = Math.max(end, e);
        }
      }
    }
    if (start <= end) push(k, start, end);
  }
}

/** The x with low ≤ a·(x − x0) + b ≤ high, as [start, end], or null when empty. */
function linearBand(
  a: number,
  b: number,
  low: number,
  high: number,
  x0: number,
): [number, number] | null {
  if (Math.abs(a) < 1e-12) return b >= low && b <= high ? [-Infinity, Infinity] : null;
  const p = (low - b) / a + x0;
  const q = (high - b) / a + x0;
  return p <= q ? [p, q] : [q, p];
}
