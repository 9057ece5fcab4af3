/**
 * Sets of x-intervals on one row, as flat sorted arrays [start0, end0, start1, end1, …] of
 * disjoint intervals. The row-based coverage method works on these.
 */
export type Intervals = number[];

/** Sorts and merges possibly overlapping [start, end] pairs into disjoint intervals. */
export function mergeIntervals(pairs: readonly number[]): Intervals {
  const count = pairs.length / 2;
  if (count === 0) return [];
  const sorted = pairs.slice();
  sortPairsByStart(sorted, 0, count - 1);
  const merged: Intervals = [];
  let start = sorted[0]!;
  let end = sorted[1]!;
  for (let k = 1; k < count; k++) {
    const s = sorted[2 * k]!;
    const e = sorted[2 * k + 1]!;
    if (s <= end) {
      if (e > end) end = e;
    } else {
      merged.push(start, end);
      start = s;
      end = e;
    }
  }
  merged.push(start, end);
  return merged;
}

/** In-place quicksort of pairs lo..hi by their start; rows hold hundreds of pairs at most. */
function sortPairsByStart(a: number[], lo: number, hi: number): void {
  while (hi - lo > 12) {
    const pivot = a[2 * ((lo + hi) >> 1)]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[2 * i]! < pivot) i++;
      while (a[2 * j]! > pivot) j--;
      if (i <= j) {
        swapPairs(a, i, j);
        i++;
        j--;
      }
    }
    if (j - lo < hi - i) {
      sortPairsByStart(a, lo, j);
      lo = i;
    } else {
      sortPairsByStart(a, i, hi);
      hi = j;
    }
  }
  for (let i = lo + 1; i <= hi; i++) {
    for (let j = i; j > lo && a[2 * (j - 1)]! > a[2 * j]!; j--) swapPairs(a, j - 1, j);
  }
}

function swapPairs(a: number[], i: number, j: number) {
  const s = a[2 * i]!;
  const e = a[2 * i + 1]!;
  a[2 * i] = a[2 * j]!;
  a[2 * i + 1] = a[2 * j + 1]!;
  a[2 * j] = s;
  a[2 * j + 1] = e;
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
  if (a.length > b.length) [a, b] = [b, a];
  const out: Intervals = [];
  if (a.length === 0) return out;
  let i = 0;
  let j = firstEndingAfter(b, a[0]!);
  const end = a[a.length - 1]!;
  while (i < a.length && j < b.length && b[j]! < end) {
    const start = Math.max(a[i]!, b[j]!);
    const end = Math.min(a[i + 1]!, b[j + 1]!);
    if (start < end) out.push(start, end);
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return out;
}

/** The parts of `a` outside `b`. */
export function subtractIntervals(a: Intervals, b: Intervals): Intervals {
  const out: Intervals = [];
  let j = a.length > 0 ? firstEndingAfter(b, a[0]!) : 0;
  for (let i = 0; i < a.length; i += 2) {
    let start = a[i]!;
    const end = a[i + 1]!;
    while (j < b.length && b[j + 1]! <= start) j += 2;
    let k = j;
    while (k < b.length && b[k]! < end) {
      if (b[k]! > start) out.push(start, b[k]!);
      start = Math.max(start, b[k + 1]!);
      k += 2;
    }
    if (start < end) out.push(start, end);
  }
  return out;
}

export function intervalsLength(a: Intervals): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 2) sum += a[i + 1]! - a[i]!;
  return sum;
}
