import { mergeIntervals } from './intervals';
import type { PlanarShape } from '../planar_shape';
import { simplifyShape } from './simplify_outline';
import { type RowGrid, firstRowFrom, lastRowTo, ringRows } from './row_sampling';

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
  const first = firstRowFrom(grid, shape.bbox[1] - radiusM);
  const local: (number[] | undefined)[] = new Array(
    Math.max(0, lastRowTo(grid, shape.bbox[3] + radiusM) - first + 1),
  );
  for (let i = 0; i < shape.points.length; i += 2) {
    addDisc(local, first, shape.points[i]!, shape.points[i + 1]!, radiusM, grid, wanted);
  }
  for (const lines of [shape.paths, shape.rings]) {
    for (const line of lines) {
      if (line.length === 2) addDisc(local, first, line[0]!, line[1]!, radiusM, grid, wanted);
      for (let i = 0; i + 3 < line.length; i += 2) {
        addStadium(local, first, line, i, radiusM, grid, wanted);
      }
    }
  }
  if (shape.rings.length > 0) {
    const inside = ringRows(shape, grid);
    for (let i = 0; i < inside.rows.length; i++) {
      const row = inside.rows[i];
      const k = inside.first + i;
      if (!row || !wanted[k]) continue;
      const bucket = (local[k - first] ??= []);
      for (let j = 0; j < row.length; j++) bucket.push(row[j]!);
    }
  }
  for (let i = 0; i < local.length; i++) {
    const row = local[i];
    if (!row) continue;
    const merged = row.length > 2 ? mergeIntervals(row) : row;
    const bucket = (pairs[first + i] ??= []);
    for (let j = 0; j < merged.length; j++) bucket.push(merged[j]!);
    // Thousands of facilities on one row: merge as they come, so a row holds what its union
    // needs instead of every facility's interval (the union, and so the result, is the same).
    if (bucket.length > MERGE_ROW_AT) pairs[first + i] = mergeIntervals(bucket);
  }
}

/** Numbers (pairs × 2) a row may gather before it is merged on the way. */
const MERGE_ROW_AT = 4096;

// The loops below run millions of times on the first analysis, before the engine has
// optimised them: they allocate nothing per row (no tuples, no closures), which keeps that
// first run close to the later ones.

function addDisc(
  local: (number[] | undefined)[],
  first: number,
  cx: number,
  cy: number,
  r: number,
  grid: RowGrid,
  wanted: Uint8Array,
) {
  const last = lastRowTo(grid, cy + r);
  for (let k = firstRowFrom(grid, cy - r); k <= last; k++) {
    if (!wanted[k]) continue;
    const dy = grid.y0 + (k + 0.5) * grid.spacingM - cy;
    const half = Math.sqrt(Math.max(0, r * r - dy * dy));
    (local[k - first] ??= []).push(cx - half, cx + half);
  }
}

/**
 * Points within r of the segment from (line[i], line[i+1]) to (line[i+2], line[i+3]) on each
 * row: the hull of the two end discs and the band between them.
 */
function addStadium(
  local: (number[] | undefined)[],
  first: number,
  line: number[],
  i: number,
  r: number,
  grid: RowGrid,
  wanted: Uint8Array,
) {
  const ax = line[i]!;
  const ay = line[i + 1]!;
  const bx = line[i + 2]!;
  const by = line[i + 3]!;
  const length = Math.hypot(bx - ax, by - ay);
  const ux = (bx - ax) / length;
  const uy = (by - ay) / length;
  // Band: low ≤ a·(x − ax) + b ≤ high, for |cross(u, P − A)| ≤ r and 0 ≤ dot(u, P − A) ≤ length.
  const bandFlat = Math.abs(uy) < 1e-12;
  const alongFlat = Math.abs(ux) < 1e-12;
  const last = lastRowTo(grid, Math.max(ay, by) + r);
  for (let k = firstRowFrom(grid, Math.min(ay, by) - r); k <= last; k++) {
    if (!wanted[k]) continue;
    const y = grid.y0 + (k + 0.5) * grid.spacingM;
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
      let s = -Infinity;
      let e = Infinity;
      let empty = false;
      // The band across the segment: a = −uy, b = ux·(y − ay), from −r to r.
      const bandB = ux * dya;
      if (bandFlat) empty = !(bandB >= -r && bandB <= r);
      else {
        const p = (-r - bandB) / -uy + ax;
        const q = (r - bandB) / -uy + ax;
        s = p <= q ? p : q;
        e = p <= q ? q : p;
      }
      // Along the segment: a = ux, b = uy·(y − ay), from 0 to length.
      const alongB = uy * dya;
      if (alongFlat) empty ||= !(alongB >= 0 && alongB <= length);
      else {
        const p = (0 - alongB) / ux + ax;
        const q = (length - alongB) / ux + ax;
        const lo = p <= q ? p : q;
        const hi = p <= q ? q : p;
        if (lo > s) s = lo;
        if (hi < e) e = hi;
      }
      if (!empty && s <= e) {
        if (s < start) start = s;
        if (e > end) end = e;
      }
    }
    if (start <= end) (local[k - first] ??= []).push(start, end);
  }
}
