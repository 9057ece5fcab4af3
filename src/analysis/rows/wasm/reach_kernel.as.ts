/**
 * The row kernels in AssemblyScript: the reach of `../reach_rows.ts` (addDisc and addStadium
 * with the running interval per row) and the ring rows of `../row_sampling.ts` (addRingRows), compiled to WebAssembly by `npm run wasm:build` into
 * `reach_kernel_wasm.ts`. The engine's baseline WebAssembly compiler makes this fast on its
 * first call, where the JavaScript runs interpreted until the engine has optimised it.
 *
 * Every number is computed as the JavaScript computes it, with the same float64 operations in
 * the same order (Math.hypot as V8 does it), so the rows are equal to the last bit; a test
 * checks that on the real data. The memory layout is set by the caller (`../reach_kernel.ts`).
 */

// The grid and the current facility's buffers: byte offsets into memory.
let gridY0: f64 = 0;
let gridSpacing: f64 = 0;
let gridCount: i32 = 0;
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
  gridY0 = y0;
  gridSpacing = spacing;
  gridCount = count;
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

// firstRowFrom and lastRowTo of row_sampling.ts.
@inline function firstRowFrom(y: f64): i32 {
  return <i32>Math.max(0, Math.ceil((y - gridY0) / gridSpacing - 0.5));
}

@inline function lastRowTo(y: f64): i32 {
  return <i32>Math.min(<f64>(gridCount - 1), Math.floor((y - gridY0) / gridSpacing - 0.5));
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

// ---------------------------------------------------------------------------------------------
// Ring rows: addRingRows of ../row_sampling.ts, in two steps so that the caller can make room
// for the crossings between them. The grid is the one given to setGrid.

let edgeCount: i32 = 0;

/**
 * Step one: the edges that cross a row (half-open in y, so a vertex on a row is crossed once),
 * with their rows and ends, and per row the number of crossings as a running start index.
 * `ringEnds[r]` is the index one past ring r's last number in the flat coordinates. Returns the
 * number of crossings.
 */
export function ringEdges(
  coordinates: usize,
  ringEnds: usize,
  ringCount: i32,
  first: i32,
  count: i32,
  rowStarts: usize,
  edgeRows: usize,
  edgeEnds: usize,
): i32 {
  memory.fill(rowStarts, 0, (<usize>count + 1) << 2);
  let edges: i32 = 0;
  let ringStart: i32 = 0;
  for (let r = 0; r < ringCount; r++) {
    const ringEnd = load<i32>(ringEnds + (<usize>r << 2));
    for (let i = ringStart; i + 3 < ringEnd; i += 2) {
      const p = coordinates + (<usize>i << 3);
      const ay = load<f64>(p + 8);
      const by = load<f64>(p + 24);
      if (ay == by) continue;
      const low = ay < by ? ay : by;
      const high = ay < by ? by : ay;
      const from = firstRowFrom(low);
      const reached = lastRowTo(high);
      const to = reached >= 0 && gridY0 + (<f64>reached + 0.5) * gridSpacing == high ? reached - 1 : reached;
      if (from > to) continue;
      store<i32>(edgeRows + (<usize>edges << 3), from);
      store<i32>(edgeRows + (<usize>edges << 3) + 4, to);
      const e = edgeEnds + (<usize>edges << 5);
      store<f64>(e, load<f64>(p));
      store<f64>(e + 8, ay);
      store<f64>(e + 16, load<f64>(p + 16));
      store<f64>(e + 24, by);
      edges++;
      const at = rowStarts + (<usize>(from - first) << 2);
      store<i32>(at, load<i32>(at) + 1);
      const past = rowStarts + (<usize>(to - first + 1) << 2);
      store<i32>(past, load<i32>(past) - 1);
    }
    ringStart = ringEnd;
  }
  edgeCount = edges;
  let total: i32 = 0;
  let running: i32 = 0;
  for (let i = 0; i < count; i++) {
    const at = rowStarts + (<usize>i << 2);
    running += load<i32>(at);
    store<i32>(at, total);
    total += running;
  }
  store<i32>(rowStarts + (<usize>count << 2), total);
  return total;
}

/**
 * Step two: each row's crossings, sorted, paired into intervals (even-odd) and joined where one
 * ends where the next starts. Writes them as (row, start, end) and returns how many.
 */
export function ringPairs(
  first: i32,
  count: i32,
  rowStarts: usize,
  rowFill: usize,
  edgeRows: usize,
  edgeEnds: usize,
  crossings: usize,
  outRow: usize,
  outStart: usize,
  outEnd: usize,
): i32 {
  memory.copy(rowFill, rowStarts, <usize>count << 2);
  for (let e = 0; e < edgeCount; e++) {
    const to = load<i32>(edgeRows + (<usize>e << 3) + 4);
    const p = edgeEnds + (<usize>e << 5);
    const ax = load<f64>(p);
    const ay = load<f64>(p + 8);
    const bx = load<f64>(p + 16);
    const by = load<f64>(p + 24);
    for (let k = load<i32>(edgeRows + (<usize>e << 3)); k <= to; k++) {
      const y = gridY0 + (<f64>k + 0.5) * gridSpacing;
      const fill = rowFill + (<usize>(k - first) << 2);
      const at = load<i32>(fill);
      store<i32>(fill, at + 1);
      store<f64>(crossings + (<usize>at << 3), ax + ((y - ay) * (bx - ax)) / (by - ay));
    }
  }
  let out: i32 = 0;
  for (let i = 0; i < count; i++) {
    const lo = load<i32>(rowStarts + (<usize>i << 2));
    const hi = load<i32>(rowStarts + (<usize>(i + 1) << 2));
    if (hi - lo < 2) continue;
    sortRange(crossings, lo, hi);
    const joinFrom = out;
    for (let j = lo; j + 1 < hi; j += 2) {
      const a = load<f64>(crossings + (<usize>j << 3));
      const b = load<f64>(crossings + (<usize>(j + 1) << 3));
      if (!(a < b)) continue;
      if (out > joinFrom) {
        const lastEnd = outEnd + (<usize>(out - 1) << 3);
        const end = load<f64>(lastEnd);
        if (a <= end) {
          if (b > end) store<f64>(lastEnd, b);
          continue;
        }
      }
      store<i32>(outRow + (<usize>out << 2), first + i);
      store<f64>(outStart + (<usize>out << 3), a);
      store<f64>(outEnd + (<usize>out << 3), b);
      out++;
    }
  }
  return out;
}

/** Sorts the float64s at a[lo..hi) ascending: by insertion for a few, else by heapsort. */
function sortRange(a: usize, lo: i32, hi: i32): void {
  if (hi - lo <= 32) {
    for (let i = lo + 1; i < hi; i++) {
      const x = load<f64>(a + (<usize>i << 3));
      let j = i - 1;
      while (j >= lo && load<f64>(a + (<usize>j << 3)) > x) {
        store<f64>(a + (<usize>(j + 1) << 3), load<f64>(a + (<usize>j << 3)));
        j--;
      }
      store<f64>(a + (<usize>(j + 1) << 3), x);
    }
    return;
  }
  const base = a + (<usize>lo << 3);
  const n = hi - lo;
  for (let start = (n >> 1) - 1; start >= 0; start--) siftDown(base, start, n);
  for (let end = n - 1; end > 0; end--) {
    const top = load<f64>(base);
    store<f64>(base, load<f64>(base + (<usize>end << 3)));
    store<f64>(base + (<usize>end << 3), top);
    siftDown(base, 0, end);
  }
}

function siftDown(base: usize, start: i32, n: i32): void {
  let root = start;
  while (true) {
    let child = 2 * root + 1;
    if (child >= n) return;
    if (
      child + 1 < n &&
      load<f64>(base + (<usize>(child + 1) << 3)) > load<f64>(base + (<usize>child << 3))
    ) {
      child++;
    }
    const r = load<f64>(base + (<usize>root << 3));
    const c = load<f64>(base + (<usize>child << 3));
    if (!(c > r)) return;
    store<f64>(base + (<usize>root << 3), c);
    store<f64>(base + (<usize>child << 3), r);
    root = child;
  }
}
