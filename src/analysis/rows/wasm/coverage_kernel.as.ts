/**
 * The kernel that gathers the reach rows and measures coverage, in AssemblyScript, compiled by
 * `npm run wasm:build` into `coverage_kernel_wasm.ts`: what reachRows and measureCoverage of
 * `../row_coverage.ts` do with arrays per row, on flat rows in its own memory. The facilities'
 * intervals (the reach kernel's runs and set-aside runs, and their insides) are gathered in one
 * list of (row, start, end), merged per row when it fills (as a row is merged on the way when it
 * grows long) and at the end, into flat rows: each row's union, the same to the last bit whatever
 * the order the intervals came in. The memory layout is set by the caller
 * (`../coverage_kernel.ts`); the list and what the merges need lie past everything else and grow.
 */
import { ensureBytes, unionOfRow } from './row_grid.as';

let gridRows: i32 = 0;
let wantedAt: usize = 0;
/** The list: (row, start, end) as three float64s each. */
let listAt: usize = 0;
let listCount: i32 = 0;
let compactAt: i32 = 0;
/** Where the last merge wrote its rows: offsets (gridRows + 1) and the numbers. */
export let rowOffsetsAt: usize = 0;
export let rowValuesAt: usize = 0;

export function beginReach(rows: i32, wanted: usize, list: usize, mergeAt: i32): void {
  gridRows = rows;
  wantedAt = wanted;
  listAt = list;
  listCount = 0;
  compactAt = mergeAt;
  ensureBytes(listAt + <usize>compactAt * 24);
}

@inline function append(k: i32, start: f64, end: f64): void {
  if (listCount === compactAt) compact();
  const p = listAt + <usize>listCount * 24;
  store<f64>(p, <f64>k);
  store<f64>(p + 8, start);
  store<f64>(p + 16, end);
  listCount++;
}

/** The runs runStart[i]..runEnd[i] of rows first + i that hold one (start ≤ end). */
export function addRuns(first: i32, count: i32, runStart: usize, runEnd: usize): void {
  for (let i = 0; i < count; i++) {
    const start = load<f64>(runStart + (<usize>i << 3));
    const end = load<f64>(runEnd + (<usize>i << 3));
    if (start <= end) append(first + i, start, end);
  }
}

/** The n intervals (rows[p], starts[p], ends[p]) that lie on wanted rows. */
export function addIntervals(rows: usize, starts: usize, ends: usize, n: i32): void {
  for (let p = 0; p < n; p++) {
    const k = load<i32>(rows + (<usize>p << 2));
    if (load<u8>(wantedAt + <usize>k) === 0) continue;
    append(k, load<f64>(starts + (<usize>p << 3)), load<f64>(ends + (<usize>p << 3)));
  }
}

/**
 * Merges the list per row (mergeIntervals of ../intervals.ts) into flat rows past it, at
 * `rowOffsetsAt` and `rowValuesAt`; returns the numbers written.
 */
function merge(): i32 {
  const n = listCount;
  const countsAt = (listAt + <usize>n * 24 + 7) & ~7;
  const sortedStart = (countsAt + ((<usize>gridRows + 1) << 2) + 7) & ~7;
  const sortedEnd = sortedStart + (<usize>n << 3);
  rowOffsetsAt = sortedEnd + (<usize>n << 3);
  rowValuesAt = (rowOffsetsAt + ((<usize>gridRows + 1) << 2) + 7) & ~7;
  ensureBytes(rowValuesAt + (<usize>n << 4));
  memory.fill(countsAt, 0, (<usize>gridRows + 1) << 2);
  for (let p = 0; p < n; p++) {
    const at = countsAt + (<usize>(<i32>load<f64>(listAt + <usize>p * 24) + 1) << 2);
    store<i32>(at, load<i32>(at) + 1);
  }
  for (let k = 0; k < gridRows; k++) {
    const at = countsAt + (<usize>(k + 1) << 2);
    store<i32>(at, load<i32>(at) + load<i32>(at - 4));
  }
  for (let p = 0; p < n; p++) {
    const item = listAt + <usize>p * 24;
    const at = countsAt + (<usize>(<i32>load<f64>(item)) << 2);
    const to = load<i32>(at);
    store<i32>(at, to + 1);
    store<f64>(sortedStart + (<usize>to << 3), load<f64>(item + 8));
    store<f64>(sortedEnd + (<usize>to << 3), load<f64>(item + 16));
  }
  let out: i32 = 0;
  let lo: i32 = 0;
  for (let k = 0; k < gridRows; k++) {
    store<i32>(rowOffsetsAt + (<usize>k << 2), out);
    const hi = load<i32>(countsAt + (<usize>k << 2));
    if (hi > lo) out = unionOfRow(sortedStart, sortedEnd, lo, hi, rowValuesAt, out);
    lo = hi;
  }
  store<i32>(rowOffsetsAt + (<usize>gridRows << 2), out);
  return out;
}

/** Replaces the list by its rows' unions, and makes room for twice as many as remain. */
function compact(): void {
  merge();
  let count: i32 = 0;
  for (let k = 0; k < gridRows; k++) {
    const hi = load<i32>(rowOffsetsAt + (<usize>(k + 1) << 2));
    for (let i = load<i32>(rowOffsetsAt + (<usize>k << 2)); i < hi; i += 2) {
      const p = listAt + <usize>count * 24;
      store<f64>(p, <f64>k);
      store<f64>(p + 8, load<f64>(rowValuesAt + (<usize>i << 3)));
      store<f64>(p + 16, load<f64>(rowValuesAt + (<usize>(i + 1) << 3)));
      count++;
    }
  }
  listCount = count;
  if (2 * count > compactAt) compactAt = 2 * count;
  ensureBytes(listAt + <usize>compactAt * 24);
}

/** The reach rows: the list merged per row (see `merge`); returns the numbers written. */
export function endReach(): i32 {
  return merge();
}

/**
 * measureCoverage of ../row_coverage.ts against the last reach rows: per unit (flat rows, the
 * units' offsets one after another, values shared) the length of its land and of the part in
 * reach, summed row by row in the same order, written as two float64s per unit at `out`.
 */
export function measure(unitCount: i32, unitOffsets: usize, unitValues: usize, out: usize): void {
  for (let u = 0; u < unitCount; u++) {
    let residential: f64 = 0;
    let covered: f64 = 0;
    const offsets = unitOffsets + (<usize>(u * (gridRows + 1)) << 2);
    for (let k = 0; k < gridRows; k++) {
      let i = load<i32>(offsets + (<usize>k << 2));
      const hi = load<i32>(offsets + (<usize>(k + 1) << 2));
      if (hi === i) continue;
      let length: f64 = 0;
      for (let a = i; a < hi; a += 2) {
        length += load<f64>(unitValues + (<usize>(a + 1) << 3)) - load<f64>(unitValues + (<usize>a << 3));
      }
      residential += length;
      let j = load<i32>(rowOffsetsAt + (<usize>k << 2));
      const reachEnd = load<i32>(rowOffsetsAt + (<usize>(k + 1) << 2));
      if (reachEnd === j) continue;
      let sum: f64 = 0;
      while (i < hi && j < reachEnd) {
        const as = load<f64>(unitValues + (<usize>i << 3));
        const ae = load<f64>(unitValues + (<usize>(i + 1) << 3));
        const bs = load<f64>(rowValuesAt + (<usize>j << 3));
        const be = load<f64>(rowValuesAt + (<usize>(j + 1) << 3));
        const start = Math.max(as, bs);
        const stop = Math.min(ae, be);
        if (start < stop) sum += stop - start;
        if (ae < be) i += 2;
        else j += 2;
      }
      covered += sum;
    }
    store<f64>(out + (<usize>u << 4), residential);
    store<f64>(out + (<usize>u << 4) + 8, covered);
  }
}

/**
 * Checks the units' rows read from a prepared-rows file (../prepared_rows_file.ts) before
 * anything uses them, laid out as `landOfUnits` takes them: each unit's offsets begin where the
 * unit before ended (the first at 0), never go back and end at `numbers`; a row's count is
 * even, and 0 where `defined` has 0; `defined` holds only 0 and 1; each row's intervals are
 * finite, non-empty and in order with a gap between. Returns -1 where all hold, else the index
 * (u·gridRows + k) of the first row that fails, or unitCount·gridRows where only the end does.
 */
export function checkUnitRows(
  unitCount: i32,
  gridRows: i32,
  offsets: usize,
  defined: usize,
  values: usize,
  numbers: i32,
): i32 {
  let end: i32 = 0;
  for (let u = 0; u < unitCount; u++) {
    const row0 = offsets + (<usize>(u * (gridRows + 1)) << 2);
    if (load<i32>(row0) !== end) return u * gridRows;
    for (let k = 0; k < gridRows; k++) {
      const lo = load<i32>(row0 + (<usize>k << 2));
      const hi = load<i32>(row0 + (<usize>(k + 1) << 2));
      const flag = load<u8>(defined + <usize>(u * gridRows + k));
      if (hi < lo || hi > numbers || ((hi - lo) & 1) !== 0 || flag > 1 || (flag === 0 && hi !== lo)) {
        return u * gridRows + k;
      }
      let before: f64 = -Infinity;
      for (let i = lo; i < hi; i += 2) {
        const start = load<f64>(values + (<usize>i << 3));
        const stop = load<f64>(values + (<usize>(i + 1) << 3));
        if (!(start > before && stop > start && stop < Infinity)) return u * gridRows + k;
        before = stop;
      }
    }
    end = load<i32>(row0 + (<usize>gridRows << 2));
  }
  return end === numbers ? -1 : unitCount * gridRows;
}
