import { mergeIntervals, pushUnionOfSorted, sortRange } from './intervals';
import type { PlanarShape } from '../planar_shape';
import {
  type ReachKernel,
  dropReachKernel,
  orJavaScript,
  reachKernel,
  startKernelFacility,
} from './reach_kernel';
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
  const first = firstRowFrom(grid, shape.bbox[1] - radiusM);
  const last = lastRowTo(grid, shape.bbox[3] + radiusM);
  if (last < first) return;
  if (!addOutlineByKernel(shape, radiusM, grid, wanted, first, last)) {
    startFacility(first, last);
    for (let i = 0; i < shape.points.length; i += 2) {
      addDisc(shape.points[i]!, shape.points[i + 1]!, radiusM, grid, wanted);
    }
    for (const lines of [shape.paths, shape.rings]) {
      for (const line of lines) {
        if (line.length === 2) addDisc(line[0]!, line[1]!, radiusM, grid, wanted);
        for (let i = 0; i + 3 < line.length; i += 2) addStadium(line, i, radiusM, grid, wanted);
      }
    }
  }
  if (shape.rings.length > 0) {
    const inside = ringRows(shape, grid);
    for (let i = 0; i < inside.rows.length; i++) {
      const row = inside.rows[i];
      const k = inside.first + i;
      if (!row || !wanted[k]) continue;
      for (let j = 0; j < row.length; j += 2) addInterval(k, row[j]!, row[j + 1]!);
    }
  }
  mergeFacilityRows(pairs);
}

/** Numbers (pairs × 2) a row may gather before it is merged on the way. */
const MERGE_ROW_AT = 4096;

// One facility's intervals before they reach the shared rows, in buffers reused by every
// facility and grown on demand. Per row a running interval takes in each new interval that
// overlaps or touches it: a ring's neighbouring edges reach overlapping stretches of a row, so
// most rows end with one run, and few intervals are left to sort. Only runs that an interval
// did not touch are set aside as pairs (row, start, end). The union, and so the result, is
// the same as merging every interval.
//
// The loops below run millions of times on the first analysis, before the engine has
// optimised them: they allocate nothing per row (no arrays, tuples or closures), which keeps
// that first run close to the later ones.
let facilityFirst = 0;
let facilityRows = 0;
let runStart: Float64Array = new Float64Array(1024);
let runEnd: Float64Array = new Float64Array(1024);
let pairRow = new Int32Array(1024);
let pairStart = new Float64Array(1024);
let pairEnd = new Float64Array(1024);
let pairCount = 0;
let rowStarts = new Int32Array(1024);
let rowFill = new Int32Array(1024);
let sortedStart = new Float64Array(1024);
let sortedEnd = new Float64Array(1024);

// The running intervals in use: the JavaScript kernel's own, or views of the WebAssembly
// kernel's memory while it measures a facility.
let ownRunStart = runStart;
let ownRunEnd = runEnd;

function startFacility(first: number, last: number): void {
  facilityFirst = first;
  facilityRows = last - first + 1;
  if (ownRunStart.length < facilityRows) {
    ownRunStart = new Float64Array(2 * facilityRows);
    ownRunEnd = new Float64Array(2 * facilityRows);
  }
  if (rowStarts.length < facilityRows + 1) {
    rowStarts = new Int32Array(2 * facilityRows + 1);
    rowFill = new Int32Array(2 * facilityRows + 1);
  }
  runStart = ownRunStart;
  runEnd = ownRunEnd;
  runStart.fill(Infinity, 0, facilityRows);
  runEnd.fill(-Infinity, 0, facilityRows);
  pairCount = 0;
}

/**
 * The discs and stadiums of the facility's points and lines, measured by the WebAssembly
 * kernel into its own running intervals (which then stay in use for the facility), with the
 * runs it set aside taken over. False where there is no kernel or its room for set-aside runs
 * ran out: the JavaScript kernel measures the facility then.
 */
function addOutlineByKernel(
  shape: PlanarShape,
  radiusM: number,
  grid: RowGrid,
  wanted: Uint8Array,
  first: number,
  last: number,
): boolean {
  const kernel = outlineByKernel(shape, radiusM, grid, wanted, first, last);
  if (!kernel) return false;
  startFacility(first, last);
  runStart = kernel.runStart;
  runEnd = kernel.runEnd;
  const aside = kernel.exports.asideCount.value as number;
  for (let i = 0; i < aside; i++) {
    setAside(kernel.asideRow[i]!, kernel.asideStart[i]!, kernel.asideEnd[i]!);
  }
  return true;
}

/**
 * The discs and stadiums of the (simplified) facility's points and lines on rows first..last,
 * measured by the WebAssembly kernel: its running intervals from row `first` on and the runs it
 * set aside stay in its memory, in the views returned. Null where there is no kernel or its
 * room for set-aside runs ran out, or where it failed.
 */
export function outlineByKernel(
  shape: PlanarShape,
  radiusM: number,
  grid: RowGrid,
  wanted: Uint8Array,
  first: number,
  last: number,
): ReachKernel | null {
  return orJavaScript(
    () => outlineInKernel(shape, radiusM, grid, wanted, first, last),
    dropReachKernel,
  );
}

function outlineInKernel(
  shape: PlanarShape,
  radiusM: number,
  grid: RowGrid,
  wanted: Uint8Array,
  first: number,
  last: number,
): ReachKernel | null {
  let longest = 0;
  for (const line of shape.paths) longest = Math.max(longest, line.length);
  for (const line of shape.rings) longest = Math.max(longest, line.length);
  const kernel = reachKernel(grid.count, wanted, last - first + 1, longest);
  if (!kernel) return null;
  kernel.runStart.fill(Infinity, 0, last - first + 1);
  kernel.runEnd.fill(-Infinity, 0, last - first + 1);
  const run = kernel.exports;
  run.setGrid(grid.y0, grid.spacingM, grid.count, 0);
  startKernelFacility(kernel, first);
  for (let i = 0; i < shape.points.length; i += 2) {
    run.addDisc(shape.points[i]!, shape.points[i + 1]!, radiusM);
  }
  for (const lines of [shape.paths, shape.rings]) {
    for (const line of lines) {
      if (line.length === 2) run.addDisc(line[0]!, line[1]!, radiusM);
      kernel.line.set(line);
      run.addStadiums(kernel.lineAt, line.length, radiusM);
    }
  }
  return run.overflowed.value ? null : kernel;
}

/** Takes [start, end] (start ≤ end) on row k into the row's run, or sets the run aside. */
function addInterval(k: number, start: number, end: number): void {
  const i = k - facilityFirst;
  const s = runStart[i]!;
  const e = runEnd[i]!;
  if (start <= e && end >= s) {
    if (start < s) runStart[i] = start;
    if (end > e) runEnd[i] = end;
    return;
  }
  if (s <= e) setAside(k, s, e);
  runStart[i] = start;
  runEnd[i] = end;
}

function setAside(k: number, start: number, end: number): void {
  if (pairCount === pairRow.length) {
    const rows = new Int32Array(2 * pairCount);
    rows.set(pairRow);
    pairRow = rows;
    const starts = new Float64Array(2 * pairCount);
    starts.set(pairStart);
    pairStart = starts;
    const ends = new Float64Array(2 * pairCount);
    ends.set(pairEnd);
    pairEnd = ends;
  }
  pairRow[pairCount] = k;
  pairStart[pairCount] = start;
  pairEnd[pairCount] = end;
  pairCount++;
}

/**
 * Merges the facility's intervals row by row (the runs and what was set aside) and appends
 * each row's union to `pairs[k]`: far fewer pairs reach the shared rows than its edges gave.
 */
function mergeFacilityRows(pairs: (number[] | undefined)[]): void {
  const first = facilityFirst;
  const count = facilityRows;
  for (let i = 0; i < count; i++) {
    if (runStart[i]! <= runEnd[i]!) setAside(first + i, runStart[i]!, runEnd[i]!);
  }
  if (sortedStart.length < pairCount) {
    sortedStart = new Float64Array(pairRow.length);
    sortedEnd = new Float64Array(pairRow.length);
  }
  // Group the pairs by row (counting sort), starts and ends apart.
  rowStarts.fill(0, 0, count + 1);
  for (let p = 0; p < pairCount; p++) rowStarts[pairRow[p]! - first + 1]!++;
  for (let i = 0; i < count; i++) {
    rowStarts[i + 1]! += rowStarts[i]!;
    rowFill[i] = rowStarts[i]!;
  }
  for (let p = 0; p < pairCount; p++) {
    const at = rowFill[pairRow[p]! - first]!++;
    sortedStart[at] = pairStart[p]!;
    sortedEnd[at] = pairEnd[p]!;
  }
  for (let i = 0; i < count; i++) {
    const lo = rowStarts[i]!;
    const hi = rowStarts[i + 1]!;
    if (lo === hi) continue;
    const k = first + i;
    const bucket = (pairs[k] ??= []);
    if (hi - lo === 1) appendJoined(bucket, sortedStart[lo]!, sortedEnd[lo]!);
    else {
      sortRange(sortedStart, lo, hi);
      sortRange(sortedEnd, lo, hi);
      facilityUnion.length = 0;
      pushUnionOfSorted(sortedStart, sortedEnd, lo, hi, facilityUnion);
      for (let j = 0; j < facilityUnion.length; j += 2) {
        appendJoined(bucket, facilityUnion[j]!, facilityUnion[j + 1]!);
      }
    }
    // Thousands of facilities on one row: merge as they come, so a row holds what its union
    // needs instead of every facility's interval (the union, and so the result, is the same).
    if (bucket.length > MERGE_ROW_AT) pairs[k] = mergeIntervals(bucket);
  }
}

const facilityUnion: number[] = [];

/**
 * Appends [start, end] to a shared row, joined to the row's last pair where the two overlap
 * or touch. Facilities taken in x order (as `reachRows` takes them) reach a row nearly in
 * order, so most join and a row stays short; its union is the same either way.
 */
function appendJoined(bucket: number[], start: number, end: number): void {
  const n = bucket.length;
  if (n > 0 && start <= bucket[n - 1]! && end >= bucket[n - 2]!) {
    if (start < bucket[n - 2]!) bucket[n - 2] = start;
    if (end > bucket[n - 1]!) bucket[n - 1] = end;
  } else bucket.push(start, end);
}

function addDisc(cx: number, cy: number, r: number, grid: RowGrid, wanted: Uint8Array) {
  const last = lastRowTo(grid, cy + r);
  for (let k = firstRowFrom(grid, cy - r); k <= last; k++) {
    if (!wanted[k]) continue;
    const dy = grid.y0 + (k + 0.5) * grid.spacingM - cy;
    const half = Math.sqrt(Math.max(0, r * r - dy * dy));
    addInterval(k, cx - half, cx + half);
  }
}

/**
 * Points within r of the segment from (line[i], line[i+1]) to (line[i+2], line[i+3]) on each
 * row: the hull of the two end discs and the band between them.
 */
function addStadium(line: number[], i: number, r: number, grid: RowGrid, wanted: Uint8Array) {
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
    if (start <= end) {
      // addInterval, written out: a call per row costs much before the engine inlines it.
      const i = k - facilityFirst;
      const rs = runStart[i]!;
      const re = runEnd[i]!;
      if (start <= re && end >= rs) {
        if (start < rs) runStart[i] = start;
        if (end > re) runEnd[i] = end;
      } else {
        if (rs <= re) setAside(k, rs, re);
        runStart[i] = start;
        runEnd[i] = end;
      }
    }
  }
}
