/**
 * What the row kernels share (AssemblyScript, imported by reach_kernel.as.ts and
 * prepare_kernel.as.ts): the grid of rows, and the ring rows of `../row_sampling.ts`
 * (addRingRows) with the sort they use. Every number is computed as the JavaScript computes it.
 */

// The grid: rows `gridSpacing` apart from `gridY0`, as RowGrid of ../row_sampling.ts.
export let gridY0: f64 = 0;
export let gridSpacing: f64 = 0;
export let gridCount: i32 = 0;

export function setRowGrid(y0: f64, spacing: f64, count: i32): void {
  gridY0 = y0;
  gridSpacing = spacing;
  gridCount = count;
}

// firstRowFrom and lastRowTo of row_sampling.ts.
@inline export function firstRowFrom(y: f64): i32 {
  return <i32>Math.max(0, Math.ceil((y - gridY0) / gridSpacing - 0.5));
}

@inline export function lastRowTo(y: f64): i32 {
  return <i32>Math.min(<f64>(gridCount - 1), Math.floor((y - gridY0) / gridSpacing - 0.5));
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
  return edgesOf(coordinates, ringEnds, 0, ringCount, 0, first, count, rowStarts, edgeRows, edgeEnds);
}

/** ringEdges over rings [ringFrom, ringTo) whose numbers start at index `ringStart`. */
export function edgesOf(
  coordinates: usize,
  ringEnds: usize,
  ringFrom: i32,
  ringTo: i32,
  ringStart: i32,
  first: i32,
  count: i32,
  rowStarts: usize,
  edgeRows: usize,
  edgeEnds: usize,
): i32 {
  memory.fill(rowStarts, 0, (<usize>count + 1) << 2);
  let edges: i32 = 0;
  for (let r = ringFrom; r < ringTo; r++) {
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
  return ringPairsTo(first, count, rowStarts, rowFill, edgeRows, edgeEnds, crossings, outRow, outStart, outEnd, 0);
}

/**
 * ringPairs; given `fills` (else 0), each row's pairs go to that row's own part of `outStart`
 * and `outEnd` instead, from index fills[row] on (moved on past them), and `outRow` is not
 * written. Returns how many pairs either way.
 */
export function ringPairsTo(
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
  fills: usize,
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
  let total: i32 = 0;
  for (let i = 0; i < count; i++) {
    const lo = load<i32>(rowStarts + (<usize>i << 2));
    const hi = load<i32>(rowStarts + (<usize>(i + 1) << 2));
    if (hi - lo < 2) continue;
    // Most rows of a shape cross it twice: two crossings are put in order here, without the
    // call (what sortRange's insertion does with them).
    if (hi - lo == 2) {
      const pair = crossings + (<usize>lo << 3);
      const a = load<f64>(pair);
      const b = load<f64>(pair + 8);
      if (a > b) {
        store<f64>(pair, b);
        store<f64>(pair + 8, a);
      }
    } else sortRange(crossings, lo, hi);
    const fill = fills + (<usize>(first + i) << 2);
    const joinFrom = fills ? load<i32>(fill) : total;
    let out = joinFrom;
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
      if (!fills) store<i32>(outRow + (<usize>out << 2), first + i);
      store<f64>(outStart + (<usize>out << 3), a);
      store<f64>(outEnd + (<usize>out << 3), b);
      out++;
    }
    if (fills) store<i32>(fill, out);
    total += out - joinFrom;
  }
  return total;
}

/** Sorts the float64s at a[lo..hi) ascending: by insertion for a few, else by heapsort. */
export function sortRange(a: usize, lo: i32, hi: i32): void {
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

/**
 * The union of the pairs (starts[i], ends[i]) for i in [lo, hi), written at values[out..] as
 * mergeIntervals of ../intervals.ts writes it; returns the new end. Pairs that come nearly in
 * order of their starts (shapes taken west to east) are put in order as pairs, by insertion,
 * and joined in one sweep. Past a few moves per pair the starts and the ends are sorted each on
 * its own and joined as pushUnionOfSorted joins them: the moves so far only permuted the pairs,
 * so both ways see the same numbers, and the union of a set of pairs is one answer either way.
 */
export function unionOfRow(starts: usize, ends: usize, lo: i32, hi: i32, values: usize, out: i32): i32 {
  let budget: i32 = 4 * (hi - lo) + 16;
  for (let i = lo + 1; i < hi; i++) {
    const s = load<f64>(starts + (<usize>i << 3));
    const e = load<f64>(ends + (<usize>i << 3));
    let j = i - 1;
    while (j >= lo && load<f64>(starts + (<usize>j << 3)) > s) {
      store<f64>(starts + (<usize>(j + 1) << 3), load<f64>(starts + (<usize>j << 3)));
      store<f64>(ends + (<usize>(j + 1) << 3), load<f64>(ends + (<usize>j << 3)));
      j--;
      budget--;
    }
    store<f64>(starts + (<usize>(j + 1) << 3), s);
    store<f64>(ends + (<usize>(j + 1) << 3), e);
    if (budget < 0) {
      sortRange(starts, lo, hi);
      sortRange(ends, lo, hi);
      return unionOfSorted(starts, ends, lo, hi, values, out);
    }
  }
  // In order of their starts: a pair joins the run while it starts at or before the run's end.
  let runStart = load<f64>(starts + (<usize>lo << 3));
  let runEnd = load<f64>(ends + (<usize>lo << 3));
  for (let i = lo + 1; i < hi; i++) {
    const s = load<f64>(starts + (<usize>i << 3));
    const e = load<f64>(ends + (<usize>i << 3));
    if (s <= runEnd) {
      if (e > runEnd) runEnd = e;
    } else {
      out = writePair(values, out, runStart, runEnd);
      runStart = s;
      runEnd = e;
    }
  }
  return writePair(values, out, runStart, runEnd);
}

/** pushUnionOfSorted of ../intervals.ts, writing at values[out..]; returns the new end. */
export function unionOfSorted(starts: usize, ends: usize, lo: i32, hi: i32, values: usize, out: i32): i32 {
  let open: i32 = 0;
  let runStart: f64 = 0;
  let j = lo;
  for (let i = lo; i < hi; ) {
    const s = load<f64>(starts + (<usize>i << 3));
    const e = load<f64>(ends + (<usize>j << 3));
    if (s <= e) {
      if (open++ === 0) runStart = s;
      i++;
    } else if (--open === 0) {
      out = writePair(values, out, runStart, e);
      j++;
    } else j++;
  }
  if (hi > lo) out = writePair(values, out, runStart, load<f64>(ends + (<usize>(hi - 1) << 3)));
  return out;
}

@inline export function writePair(values: usize, out: i32, start: f64, end: f64): i32 {
  store<f64>(values + (<usize>out << 3), start);
  store<f64>(values + (<usize>(out + 1) << 3), end);
  return out + 2;
}

/** Grows the memory to hold `end` bytes. */
export function ensureBytes(end: usize): void {
  const have = <usize>memory.size() << 16;
  if (end > have) memory.grow(<i32>((end - have + 0xffff) >> 16));
}
