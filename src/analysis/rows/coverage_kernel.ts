import type { Intervals } from './intervals';
import type { PlanarShape } from '../planar_shape';
import { rowOf } from './prepare_kernel';
import { outlineByKernel } from './reach_rows';
import {
  type ReachKernel,
  compileModule,
  compileModuleSoon,
  instantiate,
  orJavaScript,
  ringRowsByKernel,
  wasmKernelsEnabled,
} from './reach_kernel';
import { type RowGrid, firstRowFrom, lastRowTo } from './row_sampling';
import { simplifyShape } from './simplify_outline';
import { COVERAGE_KERNEL_WASM } from './wasm/coverage_kernel_wasm';

/**
 * The reach rows of facilities and the coverage of the units by them, gathered and measured by
 * the WebAssembly kernel (wasm/coverage_kernel.as.ts) from what the reach kernel measures: the
 * rows `reachRows` gives and the lengths `measureCoverage` sums, to the last bit, without an
 * array per row on the way. Null where WebAssembly is missing or forbidden, or where a facility
 * is too much for the reach kernel: the JavaScript measures alone then.
 */

/** Rows of several units, flat: unit u's row k is values[offsets[u·(rows + 1) + k] …]. */
export interface FlatRows {
  offsets: Int32Array;
  values: Float64Array;
}

/** One set of rows, flat: row k is values[offsets[k] …] where defined[k] is 1, else none. */
export interface FlatLand {
  offsets: Int32Array;
  values: Float64Array;
  defined: Uint8Array;
}

interface CoverageExports {
  memory: WebAssembly.Memory;
  rowOffsetsAt: WebAssembly.Global;
  rowValuesAt: WebAssembly.Global;
  beginReach: (rows: number, wanted: number, list: number, mergeAt: number) => void;
  addRuns: (first: number, count: number, runStart: number, runEnd: number) => void;
  addIntervals: (rows: number, starts: number, ends: number, n: number) => void;
  endReach: () => number;
  measure: (unitCount: number, unitOffsets: number, unitValues: number, out: number) => void;
  checkUnitRows: (
    unitCount: number,
    gridRows: number,
    offsets: number,
    defined: number,
    values: number,
    numbers: number,
  ) => number;
}

let coverageModule: WebAssembly.Module | null | undefined;
let kernel: CoverageExports | null | undefined;

function coverageKernel(): CoverageExports | null {
  if (!wasmKernelsEnabled()) return null;
  if (kernel === undefined) {
    coverageModule ??= compileModule(COVERAGE_KERNEL_WASM);
    kernel = coverageModule && instantiate<CoverageExports>(coverageModule);
  }
  return kernel;
}

/** The coverage kernel's module, compiled soon (see `compileModuleSoon`). */
export function compileCoverageKernelSoon(): void {
  compileModuleSoon(COVERAGE_KERNEL_WASM, (module) => (coverageModule ??= module));
}

/**
 * Units' rows read from a prepared-rows file, checked by the kernel (`checkUnitRows` of
 * wasm/coverage_kernel.as.ts, which says what it checks): -1 where they pass, else the index
 * u·gridRows + k of the first row that fails (units·gridRows: only the count of numbers);
 * null where the kernel is missing or fails. The kernel's memory is laid out afresh by each
 * call, as by `reachByKernel`.
 */
export function checkUnitRowsByKernel(
  units: number,
  gridRows: number,
  flat: FlatRows,
  defined: Uint8Array,
): number | null {
  return orJavaScript(
    () => {
      const run = coverageKernel();
      if (!run) return null;
      const numbers = flat.values.length;
      const valuesAt = 0;
      const offsetsAt = 8 * numbers;
      const definedAt = offsetsAt + Math.ceil((4 * flat.offsets.length) / 8) * 8;
      const end = definedAt + defined.length;
      const pages = Math.ceil((end - run.memory.buffer.byteLength) / 65536);
      if (pages > 0) run.memory.grow(pages);
      const buffer = run.memory.buffer;
      new Float64Array(buffer, valuesAt, numbers).set(flat.values);
      new Int32Array(buffer, offsetsAt, flat.offsets.length).set(flat.offsets);
      new Uint8Array(buffer, definedAt, defined.length).set(defined);
      return run.checkUnitRows(units, gridRows, offsetsAt, definedAt, valuesAt, numbers);
    },
    () => (kernel = undefined),
  );
}

/** Intervals handed to the kernel at most this many at a time. */
const CHUNK = 4096;

export interface KernelReach {
  rows: (Intervals | undefined)[];
  /** Per unit, the length of its land and of the part in reach (metres along rows). */
  lengths: Float64Array | null;
}

/**
 * The reach rows of the facilities (shapes and radii, taken in the order given) on the rows
 * `wanted`, and, given the units' land as flat rows, each unit's lengths. Null where a kernel
 * fails (see `orJavaScript`).
 */
export function reachByKernel(
  grid: RowGrid,
  wanted: Uint8Array,
  shapes: readonly PlanarShape[],
  radii: readonly number[],
  units: FlatRows | undefined,
): KernelReach | null {
  return orJavaScript(
    () => reachInKernel(grid, wanted, shapes, radii, units),
    () => (kernel = undefined),
  );
}

function reachInKernel(
  grid: RowGrid,
  wanted: Uint8Array,
  shapes: readonly PlanarShape[],
  radii: readonly number[],
  units: FlatRows | undefined,
): KernelReach | null {
  const run = coverageKernel();
  if (!run) return null;
  const gridRows = grid.count;
  const unitCount = units ? units.offsets.length / (gridRows + 1) : 0;
  let end = 0;
  const take = (bytes: number) => {
    const at = end;
    end += Math.ceil(bytes / 8) * 8;
    return at;
  };
  const wantedAt = take(gridRows);
  const unitOffsetsAt = take(4 * (units?.offsets.length ?? 0));
  const unitValuesAt = take(8 * (units?.values.length ?? 0));
  const lengthsAt = take(16 * unitCount);
  const runStartAt = take(8 * CHUNK);
  const runEndAt = take(8 * CHUNK);
  const rowsAt = take(4 * CHUNK);
  const startsAt = take(8 * CHUNK);
  const endsAt = take(8 * CHUNK);
  const pages = Math.ceil((end - run.memory.buffer.byteLength) / 65536);
  if (pages > 0) run.memory.grow(pages);
  let buffer = run.memory.buffer;
  new Uint8Array(buffer, wantedAt, gridRows).set(wanted);
  if (units) {
    new Int32Array(buffer, unitOffsetsAt, units.offsets.length).set(units.offsets);
    new Float64Array(buffer, unitValuesAt, units.values.length).set(units.values);
  }
  run.beginReach(gridRows, wantedAt, end, Math.max(CHUNK, 4 * gridRows));
  // The chunk buffers, viewed again whenever the kernel has grown its memory.
  buffer = run.memory.buffer;
  let chunk = chunkViews(buffer);
  function chunkViews(b: ArrayBuffer) {
    return {
      runStart: new Float64Array(b, runStartAt, CHUNK),
      runEnd: new Float64Array(b, runEndAt, CHUNK),
      rows: new Int32Array(b, rowsAt, CHUNK),
      starts: new Float64Array(b, startsAt, CHUNK),
      ends: new Float64Array(b, endsAt, CHUNK),
    };
  }
  const fresh = () => {
    if (buffer !== run.memory.buffer) {
      buffer = run.memory.buffer;
      chunk = chunkViews(buffer);
    }
  };
  const addIntervals = (rows: Int32Array, starts: Float64Array, ends: Float64Array, n: number) => {
    for (let from = 0; from < n; from += CHUNK) {
      const to = Math.min(n, from + CHUNK);
      chunk.rows.set(rows.subarray(from, to));
      chunk.starts.set(starts.subarray(from, to));
      chunk.ends.set(ends.subarray(from, to));
      run.addIntervals(rowsAt, startsAt, endsAt, to - from);
      fresh();
    }
  };
  const addRuns = (outline: ReachKernel, first: number, count: number) => {
    for (let from = 0; from < count; from += CHUNK) {
      const to = Math.min(count, from + CHUNK);
      chunk.runStart.set(outline.runStart.subarray(from, to));
      chunk.runEnd.set(outline.runEnd.subarray(from, to));
      run.addRuns(first + from, to - from, runStartAt, runEndAt);
      fresh();
    }
  };
  for (let f = 0; f < shapes.length; f++) {
    // As addReachIntervals of reach_rows.ts: the outline's runs and set-aside runs, then the
    // inside of the rings, all on wanted rows.
    const shape = simplifyShape(shapes[f]!);
    const radiusM = radii[f]!;
    const first = firstRowFrom(grid, shape.bbox[1] - radiusM);
    const last = lastRowTo(grid, shape.bbox[3] + radiusM);
    if (last < first) continue;
    const outline = outlineByKernel(shape, radiusM, grid, wanted, first, last);
    if (!outline) return null;
    addRuns(outline, first, last - first + 1);
    const aside = outline.exports.asideCount.value as number;
    addIntervals(outline.asideRow, outline.asideStart, outline.asideEnd, aside);
    if (shape.rings.length > 0) {
      const from = firstRowFrom(grid, shape.bbox[1]);
      const count = lastRowTo(grid, shape.bbox[3]) - from + 1;
      if (count <= 0) continue;
      const inside = ringRowsByKernel(shape.rings, grid.y0, grid.spacingM, gridRows, from, count);
      if (!inside) return null;
      addIntervals(inside.rows, inside.starts, inside.ends, inside.rows.length);
    }
  }
  run.endReach();
  buffer = run.memory.buffer;
  const offsets = new Int32Array(buffer, run.rowOffsetsAt.value as number, gridRows + 1);
  const values = new Float64Array(buffer, run.rowValuesAt.value as number, offsets[gridRows]!);
  // Rows nothing reaches stay holes, as in the array `reachRows` maps.
  const rows: (Intervals | undefined)[] = new Array(gridRows);
  for (let k = 0; k < gridRows; k++) {
    const from = offsets[k]!;
    const to = offsets[k + 1]!;
    if (to === from) continue;
    rows[k] = rowOf(values, from, to);
  }
  if (!units) return { rows, lengths: null };
  run.measure(unitCount, unitOffsetsAt, unitValuesAt, lengthsAt);
  return { rows, lengths: new Float64Array(run.memory.buffer, lengthsAt, 2 * unitCount).slice() };
}
