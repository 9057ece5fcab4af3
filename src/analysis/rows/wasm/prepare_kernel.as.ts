/**
 * The kernel that prepares the area, in AssemblyScript, compiled by `npm run wasm:build` into
 * `prepare_kernel_wasm.ts`: the ring rows of many shapes at once and the merges, intersections
 * and unions of prepareAreaAndBlocks of `../row_coverage.ts`, row by row into flat rows, with no
 * JavaScript array per row. Every number is computed as the JavaScript computes it (the same
 * float64 operations on the same numbers), so the rows are equal to the last bit; a test checks
 * that on the real data. The memory layout is set by the caller (`../prepare_kernel.ts`).
 */
import {
  edgesOf,
  ensureBytes,
  ringPairsTo,
  setRowGrid,
  sortRange,
  unionOfRow,
  unionOfSorted,
  writePair,
} from './row_grid.as';

export function setGrid(y0: f64, spacing: f64, count: i32): void {
  setRowGrid(y0, spacing, count);
}

// ---------------------------------------------------------------------------------------------
// Preparing the area (prepareAreaAndBlocks of ../row_coverage.ts): the ring rows of many shapes
// at once, merged per row into flat rows (offsets into one array of numbers per set of rows), the
// units' land and the residential land, without a JavaScript array per row. Shapes' rings are
// laid out as for ringEdges: the numbers of all rings one after another, `ringEnds[r]` one past
// ring r's last, `shapeRingEnds[s]` one past shape s's last ring, `shapeRows[2s]` and
// `shapeRows[2s + 1]` the first row and number of rows it spans.

/** The most crossings one shape of the last counting `shapesRingRows` had. */
export let mostCrossings: i32 = 0;

/**
 * The ring rows (ringEdges then ringPairs) of shapes [from, to), appended as (row, start, end)
 * to the out arrays; returns how many. With `crossings` 0 it only counts: returns the sum of the
 * shapes' crossings (twice as many as they can write) and sets `mostCrossings`, and given
 * `rowTotals` (else 0) adds each row's crossings to rowTotals[row]. Given an `order` (else 0),
 * the i-th shape taken is shape order[i] (i in [from, to)). Given `fills` (else 0), a row's
 * pairs go to its own part of `outStart` and `outEnd` instead, from index fills[row] on (which
 * they move on), and `outRow` is not written.
 */
export function shapesRingRows(
  coordinates: usize,
  ringEnds: usize,
  shapeRingEnds: usize,
  shapeRows: usize,
  from: i32,
  to: i32,
  order: usize,
  rowStarts: usize,
  rowFill: usize,
  edgeRows: usize,
  edgeEnds: usize,
  crossings: usize,
  outRow: usize,
  outStart: usize,
  outEnd: usize,
  rowTotals: usize,
  fills: usize,
): i32 {
  let total: i32 = 0;
  let most: i32 = 0;
  for (let i = from; i < to; i++) {
    const s = order ? load<i32>(order + (<usize>i << 2)) : i;
    const ringFrom = s > 0 ? load<i32>(shapeRingEnds + (<usize>(s - 1) << 2)) : 0;
    const ringTo = load<i32>(shapeRingEnds + (<usize>s << 2));
    const first = load<i32>(shapeRows + (<usize>s << 3));
    const count = load<i32>(shapeRows + (<usize>s << 3) + 4);
    if (count <= 0 || ringTo <= ringFrom) continue;
    const ringStart = ringFrom > 0 ? load<i32>(ringEnds + (<usize>(ringFrom - 1) << 2)) : 0;
    const n = edgesOf(coordinates, ringEnds, ringFrom, ringTo, ringStart, first, count, rowStarts, edgeRows, edgeEnds);
    if (crossings === 0) {
      total += n;
      if (n > most) most = n;
      if (rowTotals) {
        for (let k = 0; k < count; k++) {
          const c = load<i32>(rowStarts + (<usize>(k + 1) << 2)) - load<i32>(rowStarts + (<usize>k << 2));
          const at = rowTotals + (<usize>(first + k) << 2);
          store<i32>(at, load<i32>(at) + c);
        }
      }
      continue;
    }
    const at = fills ? 0 : <usize>total;
    total += ringPairsTo(first, count, rowStarts, rowFill, edgeRows, edgeEnds, crossings,
      outRow + (at << 2), outStart + (at << 3), outEnd + (at << 3), fills);
  }
  if (crossings === 0) mostCrossings = most;
  return total;
}

/**
 * Each row's part for its pairs, from the crossings rowTotals[k] a counting shapesRingRows
 * summed: a shape writes at most half its crossings in a row as pairs. Sets bucketStart[k] and
 * fills[k] to where row k's part starts, bucketStart[gridRows] to the end; returns the end.
 */
export function bucketStarts(rowTotals: usize, gridRows: i32, bucketStart: usize, fills: usize): i32 {
  let at: i32 = 0;
  for (let k = 0; k < gridRows; k++) {
    store<i32>(bucketStart + (<usize>k << 2), at);
    store<i32>(fills + (<usize>k << 2), at);
    at += load<i32>(rowTotals + (<usize>k << 2)) >> 1;
  }
  store<i32>(bucketStart + (<usize>gridRows << 2), at);
  return at;
}

/**
 * mergeIntervals of ../intervals.ts for every row at once: row k's pairs (starts[i], ends[i])
 * for i from bucketStart[k] to fills[k], in the order they were written, and their union
 * written to `values` from `offsets[k]` to `offsets[k + 1]`. Returns the numbers written.
 */
export function mergeBuckets(
  gridRows: i32,
  bucketStart: usize,
  fills: usize,
  starts: usize,
  ends: usize,
  offsets: usize,
  values: usize,
): i32 {
  let out: i32 = 0;
  for (let k = 0; k < gridRows; k++) {
    store<i32>(offsets + (<usize>k << 2), out);
    const lo = load<i32>(bucketStart + (<usize>k << 2));
    const hi = load<i32>(fills + (<usize>k << 2));
    if (hi > lo) out = unionOfRow(starts, ends, lo, hi, values, out);
  }
  store<i32>(offsets + (<usize>gridRows << 2), out);
  return out;
}

/**
 * One unit's land: per row where the unit's ring rows (n pairs (row, start, end), rows
 * ascending) and the land rows both have intervals, intersectIntervals of ../intervals.ts of
 * the two, written to `values` from number `out` on (the memory grows as needed). Sets
 * `offsets[k]` and `defined[k]` (1 where the row has a set, possibly empty) for every row;
 * returns the new end.
 */
export function intersectRows(
  rows: usize,
  starts: usize,
  ends: usize,
  n: i32,
  gridRows: i32,
  landOffsets: usize,
  landValues: usize,
  offsets: usize,
  defined: usize,
  values: usize,
  out: i32,
): i32 {
  memory.fill(defined, 0, <usize>gridRows);
  let p: i32 = 0;
  for (let k = 0; k < gridRows; k++) {
    store<i32>(offsets + (<usize>k << 2), out);
    if (p >= n || load<i32>(rows + (<usize>p << 2)) !== k) continue;
    let q = p;
    while (q < n && load<i32>(rows + (<usize>q << 2)) === k) q++;
    let j = load<i32>(landOffsets + (<usize>k << 2));
    const landEnd = load<i32>(landOffsets + (<usize>(k + 1) << 2));
    if (landEnd > j) {
      store<u8>(defined + <usize>k, 1);
      ensureBytes(values + (<usize>(out + 2 * (q - p) + (landEnd - j)) << 3));
      let i = p;
      while (i < q && j < landEnd) {
        const as = load<f64>(starts + (<usize>i << 3));
        const ae = load<f64>(ends + (<usize>i << 3));
        const bs = load<f64>(landValues + (<usize>j << 3));
        const be = load<f64>(landValues + (<usize>(j + 1) << 3));
        const start = Math.max(as, bs);
        const stop = Math.min(ae, be);
        if (start < stop) out = writePair(values, out, start, stop);
        if (ae < be) i++;
        else j += 2;
      }
    }
    p = q;
  }
  store<i32>(offsets + (<usize>gridRows << 2), out);
  return out;
}

/**
 * The residential land per row from the units' (offsets and defined flags of `unitCount` units
 * one after another, values shared): a row has a set where a unit has; one unit's is copied,
 * several units' are merged (mergeIntervals). Sets `wanted[k]` where the set is not empty.
 * Returns the numbers written.
 */
export function landOfUnits(
  unitCount: i32,
  gridRows: i32,
  unitOffsets: usize,
  unitDefined: usize,
  unitValues: usize,
  sortedStart: usize,
  sortedEnd: usize,
  offsets: usize,
  defined: usize,
  wanted: usize,
  values: usize,
): i32 {
  let out: i32 = 0;
  for (let k = 0; k < gridRows; k++) {
    store<i32>(offsets + (<usize>k << 2), out);
    let units: i32 = 0;
    let pairs: i32 = 0;
    // The first unit's numbers are gathered only once a second unit has the row: most rows
    // cross one unit, whose numbers are copied as they are.
    let onlyLo: i32 = 0;
    let onlyHi: i32 = 0;
    for (let u = 0; u < unitCount; u++) {
      if (load<u8>(unitDefined + <usize>(u * gridRows + k)) === 0) continue;
      const at = unitOffsets + (<usize>(u * (gridRows + 1) + k) << 2);
      const lo = load<i32>(at);
      const hi = load<i32>(at + 4);
      if (units++ === 0) {
        onlyLo = lo;
        onlyHi = hi;
        continue;
      }
      if (units === 2) pairs = gatherPairs(unitValues, onlyLo, onlyHi, sortedStart, sortedEnd, 0);
      pairs = gatherPairs(unitValues, lo, hi, sortedStart, sortedEnd, pairs);
    }
    store<u8>(defined + <usize>k, units > 0 ? 1 : 0);
    if (units > 1 && pairs > 0) {
      sortRange(sortedStart, 0, pairs);
      sortRange(sortedEnd, 0, pairs);
      out = unionOfSorted(sortedStart, sortedEnd, 0, pairs, values, out);
    } else if (units === 1 && onlyHi > onlyLo) {
      memory.copy(values + (<usize>out << 3), unitValues + (<usize>onlyLo << 3), <usize>(onlyHi - onlyLo) << 3);
      out += onlyHi - onlyLo;
    }
    store<u8>(wanted + <usize>k, out > load<i32>(offsets + (<usize>k << 2)) ? 1 : 0);
  }
  store<i32>(offsets + (<usize>gridRows << 2), out);
  return out;
}

/** The pairs at values[lo..hi) appended to `starts` and `ends` from index `pairs`; returns the new end. */
function gatherPairs(values: usize, lo: i32, hi: i32, starts: usize, ends: usize, pairs: i32): i32 {
  for (let i = lo; i < hi; i += 2) {
    store<f64>(starts + (<usize>pairs << 3), load<f64>(values + (<usize>i << 3)));
    store<f64>(ends + (<usize>pairs << 3), load<f64>(values + (<usize>(i + 1) << 3)));
    pairs++;
  }
  return pairs;
}

/**
 * The sums shapeCentre of ../../planar_shape.ts divides, for shapes [from, to): over every edge
 * of their rings, the cross product and the centre's two numerators, summed in the same order,
 * written as three float64s (area, cx, cy) per shape at `out`.
 */
export function centreSums(
  coordinates: usize,
  ringEnds: usize,
  shapeRingEnds: usize,
  from: i32,
  to: i32,
  out: usize,
): void {
  for (let s = from; s < to; s++) {
    let area: f64 = 0;
    let cx: f64 = 0;
    let cy: f64 = 0;
    const ringFrom = s > 0 ? load<i32>(shapeRingEnds + (<usize>(s - 1) << 2)) : 0;
    const ringTo = load<i32>(shapeRingEnds + (<usize>s << 2));
    for (let r = ringFrom; r < ringTo; r++) {
      const start = r > 0 ? load<i32>(ringEnds + (<usize>(r - 1) << 2)) : 0;
      const end = load<i32>(ringEnds + (<usize>r << 2));
      for (let i = start; i + 3 < end; i += 2) {
        const p = coordinates + (<usize>i << 3);
        const ax = load<f64>(p);
        const ay = load<f64>(p + 8);
        const bx = load<f64>(p + 16);
        const by = load<f64>(p + 24);
        const cross = ax * by - bx * ay;
        area += cross;
        cx += (ax + bx) * cross;
        cy += (ay + by) * cross;
      }
    }
    const at = out + <usize>(s - from) * 24;
    store<f64>(at, area);
    store<f64>(at + 8, cx);
    store<f64>(at + 16, cy);
  }
}
