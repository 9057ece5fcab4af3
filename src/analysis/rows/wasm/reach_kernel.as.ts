/**
 * The row kernels in AssemblyScript: the reach of `../reach_rows.ts` (addDisc and addStadium
 * with the running interval per row) and the ring rows of `../row_sampling.ts` (addRingRows, in
 * row_grid.as.ts), compiled to WebAssembly by `npm run wasm:build` into `reach_kernel_wasm.ts`.
 * The engine's baseline WebAssembly compiler makes this fast on its first call, where the
 * JavaScript runs interpreted until the engine has optimised it.
 *
 * Every number is computed as the JavaScript computes it, with the same float64 operations in
 * the same order (Math.hypot as V8 does it), so the rows are equal to the last bit; a test
 * checks that on the real data. The memory layout is set by the caller (`../reach_kernel.ts`).
 */

import {
  firstRowFrom,
  gridCount,
  gridSpacing,
  gridY0,
  lastRowTo,
  setRowGrid,
} from './row_grid.as';

export { ringEdges, ringPairs } from './row_grid.as';

// The current facility's buffers: byte offsets into memory.
let wantedAt: usize = 0;
let facilityFirst: i32 = 0;
let runStartAt: usize = 0;
let runEndAt: usize = 0;
let asideRowAt: usize = 0;
let asideStartAt: usize = 0;
let asideEndAt: usize = 0;
let asideCapacity: i32 = 0;
/** Runs set aside (row, start, end) for the current facility. */
export let asideCount: i32 = 0;
/** Set when more runs were set aside than fit: the caller measures the facility again in JS. */
export let overflowed: i32 = 0;

export function setGrid(y0: f64, spacing: f64, count: i32, wanted: usize): void {
  setRowGrid(y0, spacing, count);
  wantedAt = wanted;
}

export function startFacility(
  first: i32,
  runStart: usize,
  runEnd: usize,
  asideRow: usize,
  asideStart: usize,
  asideEnd: usize,
  capacity: i32,
): void {
  facilityFirst = first;
  runStartAt = runStart;
  runEndAt = runEnd;
  asideRowAt = asideRow;
  asideStartAt = asideStart;
  asideEndAt = asideEnd;
  asideCapacity = capacity;
  asideCount = 0;
  overflowed = 0;
}


@inline function setAside(k: i32, start: f64, end: f64): void {
  if (asideCount === asideCapacity) {
    overflowed = 1;
    return;
  }
  store<i32>(asideRowAt + (<usize>asideCount << 2), k);
  store<f64>(asideStartAt + (<usize>asideCount << 3), start);
  store<f64>(asideEndAt + (<usize>asideCount << 3), end);
  asideCount++;
}

/** addInterval of reach_rows.ts. */
@inline function addInterval(k: i32, start: f64, end: f64): void {
  const at = <usize>(k - facilityFirst) << 3;
  const s = load<f64>(runStartAt + at);
  const e = load<f64>(runEndAt + at);
  if (start <= e && end >= s) {
    if (start < s) store<f64>(runStartAt + at, start);
    if (end > e) store<f64>(runEndAt + at, end);
    return;
  }
  if (s <= e) setAside(k, s, e);
  store<f64>(runStartAt + at, start);
  store<f64>(runEndAt + at, end);
}

/** addDisc of reach_rows.ts. */
export function addDisc(cx: f64, cy: f64, r: f64): void {
  const last = lastRowTo(cy + r);
  for (let k = firstRowFrom(cy - r); k <= last; k++) {
    if (load<u8>(wantedAt + <usize>k) === 0) continue;
    const dy = gridY0 + (<f64>k + 0.5) * gridSpacing - cy;
    const half = Math.sqrt(Math.max(0, r * r - dy * dy));
    addInterval(k, cx - half, cx + half);
  }
}

/** addStadium of reach_rows.ts for every segment of the flat line of `length` numbers at `at`. */
export function addStadiums(at: usize, length: i32, r: f64): void {
  for (let i = 0; i + 3 < length; i += 2) {
    const p = at + (<usize>i << 3);
    addStadium(load<f64>(p), load<f64>(p + 8), load<f64>(p + 16), load<f64>(p + 24), r);
  }
}

@inline function addStadium(ax: f64, ay: f64, bx: f64, by: f64, r: f64): void {
  const length = hypot(bx - ax, by - ay);
  const ux = (bx - ax) / length;
  const uy = (by - ay) / length;
  const bandFlat = Math.abs(uy) < 1e-12;
  const alongFlat = Math.abs(ux) < 1e-12;
  const last = lastRowTo(Math.max(ay, by) + r);
  for (let k = firstRowFrom(Math.min(ay, by) - r); k <= last; k++) {
    if (load<u8>(wantedAt + <usize>k) === 0) continue;
    const y = gridY0 + (<f64>k + 0.5) * gridSpacing;
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
      const bandB = ux * dya;
      if (bandFlat) empty = !(bandB >= -r && bandB <= r);
      else {
        const p = (-r - bandB) / -uy + ax;
        const q = (r - bandB) / -uy + ax;
        s = p <= q ? p : q;
        e = p <= q ? q : p;
      }
      const alongB = uy * dya;
      if (alongFlat) empty = empty || !(alongB >= 0 && alongB <= length);
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
    if (start <= end) addInterval(k, start, end);
  }
}

/** Math.hypot of two numbers as V8 computes it (scaled by the larger, Kahan-summed). */
function hypot(x: f64, y: f64): f64 {
  const a = Math.abs(x);
  const b = Math.abs(y);
  if (a == Infinity || b == Infinity) return Infinity;
  if (isNaN(a) || isNaN(b)) return NaN;
  const max = Math.max(a, b);
  if (max == 0) return 0;
  let sum: f64 = 0;
  let compensation: f64 = 0;
  let n = a / max;
  let summand = n * n - compensation;
  let preliminary = sum + summand;
  compensation = preliminary - sum - summand;
  sum = preliminary;
  n = b / max;
  summand = n * n - compensation;
  preliminary = sum + summand;
  compensation = preliminary - sum - summand;
  sum = preliminary;
  return Math.sqrt(sum) * max;
}
