/**
 * Sets of x-intervals on one row, as flat sorted arrays [start0, end0, start1, end1, …] of
 * disjoint intervals. The row-based coverage method works on these.
 */
export type Intervals = number[];

/** Sorts and merges possibly overlapping [start, end] pairs (start ≤ end) into disjoint intervals. */
export function mergeIntervals(pairs: readonly number[]): Intervals {
  const count = pairs.length >> 1;
  if (count === 0) return [];
  if (starts.length < count) {
    starts = new Float64Array(2 * count);
    ends = new Float64Array(2 * count);
  }
  for (let k = 0; k < count; k++) {
    starts[k] = pairs[2 * k]!;
    ends[k] = pairs[2 * k + 1]!;
  }
  sortRange(starts, 0, count);
  sortRange(ends, 0, count);
  const merged: Intervals = [];
  pushUnionOfSorted(starts, ends, 0, count, merged);
  return merged;
}

// Reused by every merge; grown on demand.
let starts = new Float64Array(256);
let ends = new Float64Array(256);

/**
 * Appends to `out` the union of the pairs whose starts are starts[lo..hi) and whose ends are
 * ends[lo..hi), each sorted ascending on its own; touching pairs join. A run of the union
 * begins where no pair is open and ends where the last open pair closes, so it is [least
 * start, greatest end] of its pairs — what merging the pairs sorted by start keeps. Sorting
 * plain numbers rather than pairs is what keeps this cheap before the engine has optimised
 * it, on the first analysis.
 */
export function pushUnionOfSorted(
  starts: Float64Array,
  ends: Float64Array,
  lo: number,
  hi: number,
  out: number[],
): void {
  let open = 0;
  let runStart = 0;
  let j = lo;
  for (let i = lo; i < hi;) {
    // A start at the same place as an end goes first, so touching pairs join.
    if (starts[i]! <= ends[j]!) {
      if (open++ === 0) runStart = starts[i]!;
      i++;
    } else if (--open === 0) out.push(runStart, ends[j++]!);
    else j++;
  }
  if (hi > lo) out.push(runStart, ends[hi - 1]!);
}

/** Sorts a[lo..hi) ascending: by insertion for the few values most rows hold, else natively. */
export function sortRange(a: Float64Array, lo: number, hi: number): void {
  if (hi - lo > 32) {
    a.subarray(lo, hi).sort();
    return;
  }
  for (let i = lo + 1; i < hi; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= lo && a[j]! > x) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
}

/** Index of the first interval in `a` that ends after x (binary search). */
function firstEndingAfter(a: Intervals, x: number): number {
  let lo = 0;
  let hi = a.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[2 * mid + 1]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return 2 * lo;
}

/** The common part; cost grows with the shorter list, as a long row is entered by search. */
export function intersectIntervals(a: Intervals, b: Intervals): Intervals {
  return a.length > b.length ? flatIntersect(b, 0, b.length, a) : flatIntersect(a, 0, a.length, b);
}

/**
 * The length of the common part, `intervalsLength(intersectIntervals(a, b))` without building
 * it: the same pieces summed in the same order, so the same number to the last bit. Measuring
 * coverage asks this of every row of every unit; not allocating a row per call is what keeps
 * the first analysis, before the engine has optimised anything, close to the later ones.
 */
export function intersectionLength(a: Intervals, b: Intervals): number {
  return a.length > b.length
    ? flatIntersectionLength(b, 0, b.length, a)
    : flatIntersectionLength(a, 0, a.length, b);
}

/** The parts of `a` outside `b`. */
export function subtractIntervals(a: Intervals, b: Intervals): Intervals {
  const out: Intervals = [];
  flatSubtract(a, 0, a.length, b, out);
  return out;
}

export function intervalsLength(a: Intervals): number {
  return flatLength(a, 0, a.length);
}

// The operations on a row held flat, values[from..to) of a longer array (the units' rows as the
// kernel prepared them), so that summing them needs no array per row; the list forms above are
// these over a whole list, so both give the same pieces in the same order, to the last bit.

/** `intervalsLength` of values[from..to). */
export function flatLength(values: ArrayLike<number>, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i += 2) sum += values[i + 1]! - values[i]!;
  return sum;
}

/**
 * `intersectionLength` of values[from..to) and `b`: the common pieces of positive length,
 * ascending, whichever list it walks by search (skipped intervals end before any overlap).
 */
export function flatIntersectionLength(
  values: ArrayLike<number>,
  from: number,
  to: number,
  b: Intervals,
): number {
  let sum = 0;
  if (to === from) return sum;
  let i = from;
  let j = firstEndingAfter(b, values[from]!);
  const end = values[to - 1]!;
  while (i < to && j < b.length && b[j]! < end) {
    const start = Math.max(values[i]!, b[j]!);
    const stop = Math.min(values[i + 1]!, b[j + 1]!);
    if (start < stop) sum += stop - start;
    if (values[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return sum;
}

/** `intersectIntervals` of values[from..to) and `b`: the same pieces, in the same order. */
export function flatIntersect(
  values: ArrayLike<number>,
  from: number,
  to: number,
  b: Intervals,
): Intervals {
  const out: Intervals = [];
  if (to === from) return out;
  let i = from;
  let j = firstEndingAfter(b, values[from]!);
  const end = values[to - 1]!;
  while (i < to && j < b.length && b[j]! < end) {
    const start = Math.max(values[i]!, b[j]!);
    const stop = Math.min(values[i + 1]!, b[j + 1]!);
    if (start < stop) out.push(start, stop);
    if (values[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return out;
}

/**
 * `subtractIntervals` of values[from..to) and `b`: with `out`, its pieces written there (the
 * count of numbers returned); without, the sum of their lengths (`intervalsLength` of them).
 */
export function flatSubtract(
  values: ArrayLike<number>,
  from: number,
  to: number,
  b: Intervals,
  out: Float64Array | number[] | null,
): number {
  let written = 0;
  let sum = 0;
  let j = to > from ? firstEndingAfter(b, values[from]!) : 0;
  for (let i = from; i < to; i += 2) {
    let start = values[i]!;
    const end = values[i + 1]!;
    while (j < b.length && b[j + 1]! <= start) j += 2;
    let k = j;
    while (k < b.length && b[k]! < end) {
      if (b[k]! > start) {
        if (out) {
          out[written++] = start;
          out[written++] = b[k]!;
        } else sum += b[k]! - start;
      }
      start = Math.max(start, b[k + 1]!);
      k += 2;
    }
    if (start < end) {
      if (out) {
        out[written++] = start;
        out[written++] = end;
      } else sum += end - start;
    }
  }
  return out ? written : sum;
}
