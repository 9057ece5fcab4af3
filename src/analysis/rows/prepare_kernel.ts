import type { FlatLand, FlatRows } from './coverage_kernel';
import type { Intervals } from './intervals';
import type { Geometry } from 'geojson';
import type { LocalProjection } from '../local_projection';
import {
  type PlanarShape,
  type RingsTarget,
  manyPlanarRingsInto,
  planarRingsRoom,
  shapeCentre,
  toPlanarShape,
} from '../planar_shape';
import {
  compileModule,
  compileModuleSoon,
  instantiate,
  orJavaScript,
  wasmKernelsEnabled,
} from './reach_kernel';
import { type RowGrid, firstRowFrom, lastRowTo } from './row_sampling';
import { PREPARE_KERNEL_WASM } from './wasm/prepare_kernel_wasm';

/**
 * The rows of the area prepared by the WebAssembly kernel (wasm/prepare_kernel.as.ts): the
 * residential blocks' ring rows merged per row, each unit's land (its ring rows within them)
 * and the residential land of all units, as `prepareAreaAndBlocks` makes them in JavaScript,
 * to the last bit. The kernel works on flat rows in its own memory; only the results become
 * arrays. Null where WebAssembly is missing or forbidden: the JavaScript then prepares alone.
 */
export interface KernelRows {
  /**
   * Per unit, per row: its residential land. A function, as the kernel's rows become arrays
   * only when something asks for them: the kernels and `unitKnowledge` measure on the flat rows.
   */
  unitRows: () => (Intervals | undefined)[][];
  /** Per row: the land of all units; a function for the same reason. */
  residentialRows: () => (Intervals | undefined)[];
  /** The land of all units as flat rows too (from the kernel only). */
  flatResidentialRows?: FlatLand;
  wantedRows: Uint8Array;
  /** The units' rows as flat rows too (from the kernel only). */
  flatUnitRows?: FlatRows;
  /** The blocks' centres, as shapeCentre gives them (from the kernel only). */
  blockCentres?: [number, number][];
}

interface PrepareExports {
  memory: WebAssembly.Memory;
  mostCrossings: WebAssembly.Global;
  setGrid: (y0: number, spacing: number, count: number) => void;
  shapesRingRows: (
    coordinates: number,
    ringEnds: number,
    shapeRingEnds: number,
    shapeRows: number,
    from: number,
    to: number,
    order: number,
    rowStarts: number,
    rowFill: number,
    edgeRows: number,
    edgeEnds: number,
    crossings: number,
    outRow: number,
    outStart: number,
    outEnd: number,
    rowTotals: number,
    fills: number,
  ) => number;
  bucketStarts: (rowTotals: number, gridRows: number, bucketStart: number, fills: number) => number;
  mergeBuckets: (
    gridRows: number,
    bucketStart: number,
    fills: number,
    starts: number,
    ends: number,
    offsets: number,
    values: number,
  ) => number;
  intersectRows: (
    rows: number,
    starts: number,
    ends: number,
    n: number,
    gridRows: number,
    landOffsets: number,
    landValues: number,
    offsets: number,
    defined: number,
    values: number,
    out: number,
  ) => number;
  centreSums: (
    coordinates: number,
    ringEnds: number,
    shapeRingEnds: number,
    from: number,
    to: number,
    out: number,
  ) => void;
  landOfUnits: (
    unitCount: number,
    gridRows: number,
    unitOffsets: number,
    unitDefined: number,
    unitValues: number,
    sortedStart: number,
    sortedEnd: number,
    offsets: number,
    defined: number,
    wanted: number,
    values: number,
  ) => number;
}

let prepareModule: WebAssembly.Module | null | undefined;
let kernel: PrepareExports | null | undefined;

function prepareKernel(): PrepareExports | null {
  if (!wasmKernelsEnabled()) return null;
  if (kernel === undefined) {
    prepareModule ??= compileModule(PREPARE_KERNEL_WASM);
    kernel = prepareModule && instantiate<PrepareExports>(prepareModule);
  }
  return kernel;
}

/** The prepare kernel's module, compiled soon (see `compileModuleSoon`). */
export function compilePrepareKernelSoon(): void {
  compileModuleSoon(PREPARE_KERNEL_WASM, (module) => (prepareModule ??= module));
}

/** Byte offsets handed out one after another, each aligned to 8. */
class Layout {
  end = 0;
  take(bytes: number): number {
    const at = this.end;
    this.end += Math.ceil(bytes / 8) * 8;
    return at;
  }
}

/**
 * The area's rows by the kernel; null where it fails (see `orJavaScript`). The blocks come as
 * geometries: their rings are projected straight into the kernel's memory, as `toPlanarShape`
 * would project them, with no planar shape made of each.
 */
export function prepareRowsByKernel(
  unitShapes: readonly PlanarShape[],
  blocks: readonly Geometry[],
  projection: LocalProjection,
  grid: RowGrid,
): KernelRows | null {
  return orJavaScript(
    () => prepareRowsInKernel(unitShapes, blocks, projection, grid),
    () => (kernel = undefined),
  );
}

function prepareRowsInKernel(
  unitShapes: readonly PlanarShape[],
  blockGeometries: readonly Geometry[],
  projection: LocalProjection,
  grid: RowGrid,
): KernelRows | null {
  const run = prepareKernel();
  if (!run) return null;
  const blocks = blockGeometries.length;
  const units = unitShapes.length;
  const shapeCount = blocks + units;
  const gridRows = grid.count;
  // Room for the blocks' rings (an upper bound: a ring may need no closing point) and the units'.
  const room = { numbers: 0, rings: 0 };
  for (let b = 0; b < blocks; b++) planarRingsRoom(blockGeometries[b]!, room);
  let { numbers, rings } = room;
  for (let u = 0; u < units; u++) {
    const shape = unitShapes[u]!;
    for (let r = 0; r < shape.rings.length; r++) numbers += shape.rings[r]!.length;
    rings += shape.rings.length;
  }
  const layout = new Layout();
  const coordinatesAt = layout.take(8 * numbers);
  const ringEndsAt = layout.take(4 * rings);
  const shapeRingEndsAt = layout.take(4 * shapeCount);
  const shapeRowsAt = layout.take(8 * shapeCount);
  ensureBytes(run.memory, layout.end);
  let buffer = run.memory.buffer;
  const coordinates = new Float64Array(buffer, coordinatesAt, numbers);
  const ringEnds = new Int32Array(buffer, ringEndsAt, rings);
  const shapeRingEnds = new Int32Array(buffer, shapeRingEndsAt, shapeCount);
  const shapeRows = new Int32Array(buffer, shapeRowsAt, 2 * shapeCount);
  let mostRows = 0;
  let mostEdges = 0;
  const spans = (s: number, minY: number, maxY: number, shapeNumbers: number) => {
    const first = firstRowFrom(grid, minY);
    const rows = lastRowTo(grid, maxY) - first + 1;
    shapeRows[2 * s] = first;
    shapeRows[2 * s + 1] = rows;
    if (rows > mostRows) mostRows = rows;
    if (shapeNumbers >> 1 > mostEdges) mostEdges = shapeNumbers >> 1;
  };
  const cursor: RingsTarget = {
    out: coordinates,
    ringEnds,
    number: 0,
    ring: 0,
    bbox: [0, 0, 0, 0],
  };
  const bboxes = new Float64Array(4 * blocks);
  manyPlanarRingsInto(blockGeometries, projection, cursor, shapeRingEnds, bboxes);
  const blockWest = new Float64Array(blocks);
  for (let b = 0; b < blocks; b++) {
    const from = b > 0 ? shapeRingEnds[b - 1]! : 0;
    const start = from > 0 ? ringEnds[from - 1]! : 0;
    const end = shapeRingEnds[b]! > 0 ? ringEnds[shapeRingEnds[b]! - 1]! : 0;
    spans(b, bboxes[4 * b + 1]!, bboxes[4 * b + 3]!, end - start);
    blockWest[b] = bboxes[4 * b]!;
  }
  for (let u = 0; u < units; u++) {
    const shape = unitShapes[u]!;
    const from = cursor.number;
    for (let r = 0; r < shape.rings.length; r++) {
      coordinates.set(shape.rings[r]!, cursor.number);
      cursor.number += shape.rings[r]!.length;
      ringEnds[cursor.ring++] = cursor.number;
    }
    shapeRingEnds[blocks + u] = cursor.ring;
    spans(blocks + u, shape.bbox[1], shape.bbox[3], cursor.number - from);
  }
  // The scratch one shape's ring rows need.
  const rowStartsAt = layout.take(4 * (mostRows + 1));
  const rowFillAt = layout.take(4 * mostRows);
  const edgeRowsAt = layout.take(8 * mostEdges);
  const edgeEndsAt = layout.take(32 * mostEdges);
  const centresAt = layout.take(24 * blocks);
  ensureBytes(run.memory, layout.end);
  run.setGrid(grid.y0, grid.spacingM, gridRows);
  run.centreSums(coordinatesAt, ringEndsAt, shapeRingEndsAt, 0, blocks, centresAt);
  const orderAt = layout.take(4 * blocks);
  ensureBytes(run.memory, layout.end);
  westToEast(blockWest, new Int32Array(run.memory.buffer, orderAt, blocks));
  const ringRows = (
    from: number,
    to: number,
    crossings: number,
    out: number[],
    { order = 0, rowTotals = 0, fills = 0 } = {},
  ) =>
    run.shapesRingRows(
      coordinatesAt,
      ringEndsAt,
      shapeRingEndsAt,
      shapeRowsAt,
      from,
      to,
      order,
      rowStartsAt,
      rowFillAt,
      edgeRowsAt,
      edgeEndsAt,
      crossings,
      out[0]!,
      out[1]!,
      out[2]!,
      rowTotals,
      fills,
    );
  // Counted first, so that the crossings and pairs get their room: a shape's pairs are at most
  // half its crossings. The blocks' crossings are counted per row too, so that each row's pairs
  // get a part of their own, where the blocks' ring rows write them for the merge.
  const none = [0, 0, 0];
  const rowTotalsAt = layout.take(4 * (gridRows + 1));
  ensureBytes(run.memory, layout.end);
  new Int32Array(run.memory.buffer, rowTotalsAt, gridRows + 1).fill(0);
  const blockCrossings = ringRows(0, blocks, 0, none, { rowTotals: rowTotalsAt });
  const mostBlockCrossings = run.mostCrossings.value as number;
  ringRows(blocks, shapeCount, 0, none);
  const mostUnitCrossings = run.mostCrossings.value as number;
  const crossingsAt = layout.take(8 * Math.max(mostBlockCrossings, mostUnitCrossings));
  const pairRoom = mostUnitCrossings >> 1;
  const out = [layout.take(4 * pairRoom), layout.take(8 * pairRoom), layout.take(8 * pairRoom)];
  const blockPairs = blockCrossings >> 1;
  const bucketStartAt = layout.take(4 * (gridRows + 1));
  const fillsAt = layout.take(4 * gridRows);
  const sortedStartAt = layout.take(8 * blockPairs);
  const sortedEndAt = layout.take(8 * blockPairs);
  const landOffsetsAt = layout.take(4 * (gridRows + 1));
  const landValuesAt = layout.take(16 * blockPairs);
  const unitOffsetsAt = layout.take(4 * units * (gridRows + 1));
  const unitDefinedAt = layout.take(units * gridRows);
  const unitValuesAt = layout.take(0);
  ensureBytes(run.memory, layout.end);
  // The residential land: every block's ring rows, merged per row.
  // Taken west to east, the blocks leave each row's pairs nearly in order for the merge.
  run.bucketStarts(rowTotalsAt, gridRows, bucketStartAt, fillsAt);
  ringRows(0, blocks, crossingsAt, [0, sortedStartAt, sortedEndAt], {
    order: orderAt,
    fills: fillsAt,
  });
  run.mergeBuckets(
    gridRows,
    bucketStartAt,
    fillsAt,
    sortedStartAt,
    sortedEndAt,
    landOffsetsAt,
    landValuesAt,
  );
  // Each unit's land: its ring rows within the residential land (the values grow as needed).
  let unitValues = 0;
  for (let u = 0; u < units; u++) {
    const n = ringRows(blocks + u, blocks + u + 1, crossingsAt, out);
    unitValues = run.intersectRows(
      out[0]!,
      out[1]!,
      out[2]!,
      n,
      gridRows,
      landOffsetsAt,
      landValuesAt,
      unitOffsetsAt + 4 * u * (gridRows + 1),
      unitDefinedAt + u * gridRows,
      unitValuesAt,
      unitValues,
    );
  }
  // The residential land of all units, per row.
  layout.end = unitValuesAt;
  layout.take(8 * unitValues);
  const landStartAt = layout.take(4 * unitValues);
  const landEndAt = layout.take(4 * unitValues);
  const offsetsAt = layout.take(4 * (gridRows + 1));
  const definedAt = layout.take(gridRows);
  const wantedAt = layout.take(gridRows);
  const valuesAt = layout.take(8 * unitValues);
  ensureBytes(run.memory, layout.end);
  const landValues = run.landOfUnits(
    units,
    gridRows,
    unitOffsetsAt,
    unitDefinedAt,
    unitValuesAt,
    landStartAt,
    landEndAt,
    offsetsAt,
    definedAt,
    wantedAt,
    valuesAt,
  );
  buffer = run.memory.buffer;
  const unitOffsets = new Int32Array(buffer, unitOffsetsAt, units * (gridRows + 1));
  const unitDefined = new Uint8Array(buffer, unitDefinedAt, units * gridRows);
  const unitNumbers = new Float64Array(buffer, unitValuesAt, unitValues);
  const flatUnitRows = { offsets: unitOffsets.slice(), values: unitNumbers.slice() };
  const definedRows = unitDefined.slice();
  const flatResidentialRows: FlatLand = {
    offsets: new Int32Array(buffer, offsetsAt, gridRows + 1).slice(),
    values: new Float64Array(buffer, valuesAt, landValues).slice(),
    defined: new Uint8Array(buffer, definedAt, gridRows).slice(),
  };
  const sums = new Float64Array(buffer, centresAt, 3 * blocks);
  const blockCentres: [number, number][] = [];
  for (let b = 0; b < blocks; b++) {
    const area = sums[3 * b]!;
    blockCentres.push(
      area !== 0
        ? [sums[3 * b + 1]! / (3 * area), sums[3 * b + 2]! / (3 * area)]
        : shapeCentre(toPlanarShape(blockGeometries[b]!, projection)),
    );
  }
  return {
    blockCentres,
    unitRows: () => unitRowsOf(flatUnitRows, definedRows, units, gridRows),
    residentialRows: () => landRowsOf(flatResidentialRows, gridRows),
    wantedRows: new Uint8Array(buffer, wantedAt, gridRows).slice(),
    flatUnitRows,
    flatResidentialRows,
  };
}

/**
 * The land of all units per row, made from units' rows (read from a prepared-rows file and
 * checked) as `prepareRowsByKernel` makes it. Null where the kernel is missing or fails.
 */
export function landOfUnitRowsByKernel(
  units: number,
  gridRows: number,
  flat: FlatRows,
  defined: Uint8Array,
): { land: FlatLand; wanted: Uint8Array } | null {
  return orJavaScript(
    () => landOfUnitRowsInKernel(units, gridRows, flat, defined),
    () => (kernel = undefined),
  );
}

function landOfUnitRowsInKernel(
  units: number,
  gridRows: number,
  flat: FlatRows,
  defined: Uint8Array,
): { land: FlatLand; wanted: Uint8Array } | null {
  const run = prepareKernel();
  if (!run) return null;
  const numbers = flat.values.length;
  const layout = new Layout();
  const valuesAt = layout.take(8 * numbers);
  const unitOffsetsAt = layout.take(4 * flat.offsets.length);
  const unitDefinedAt = layout.take(defined.length);
  // A row's pairs, at most all of them, sorted by start and by end for a merge.
  const sortedStartAt = layout.take(4 * numbers);
  const sortedEndAt = layout.take(4 * numbers);
  const offsetsAt = layout.take(4 * (gridRows + 1));
  const landDefinedAt = layout.take(gridRows);
  const wantedAt = layout.take(gridRows);
  const landValuesAt = layout.take(8 * numbers);
  ensureBytes(run.memory, layout.end);
  const buffer = run.memory.buffer;
  new Float64Array(buffer, valuesAt, numbers).set(flat.values);
  new Int32Array(buffer, unitOffsetsAt, flat.offsets.length).set(flat.offsets);
  new Uint8Array(buffer, unitDefinedAt, defined.length).set(defined);
  const landValues = run.landOfUnits(
    units,
    gridRows,
    unitOffsetsAt,
    unitDefinedAt,
    valuesAt,
    sortedStartAt,
    sortedEndAt,
    offsetsAt,
    landDefinedAt,
    wantedAt,
    landValuesAt,
  );
  return {
    land: {
      offsets: new Int32Array(buffer, offsetsAt, gridRows + 1).slice(),
      values: new Float64Array(buffer, landValuesAt, landValues).slice(),
      defined: new Uint8Array(buffer, landDefinedAt, gridRows).slice(),
    },
    wanted: new Uint8Array(buffer, wantedAt, gridRows).slice(),
  };
}

/**
 * The blocks' indices roughly west to east, by their west ends (`order` gets them): a counting
 * sort into as many bins as blocks, each bin in the blocks' own order. Blocks with no ring
 * (no west end) go last.
 */
function westToEast(west: Float64Array, order: Int32Array): void {
  const n = west.length;
  let min = Infinity;
  let max = -Infinity;
  for (let b = 0; b < n; b++) {
    const x = west[b]!;
    if (x < min) min = x;
    if (x > max && x !== Infinity) max = x;
  }
  const scale = max > min ? (n - 1) / (max - min) : 0;
  const bins = new Int32Array(n + 1);
  const binOf = new Int32Array(n);
  for (let b = 0; b < n; b++) {
    const x = west[b]!;
    const bin = x <= max ? Math.floor((x - min) * scale) : n - 1;
    binOf[b] = bin;
    bins[bin + 1]!++;
  }
  for (let i = 0; i < n; i++) bins[i + 1]! += bins[i]!;
  for (let b = 0; b < n; b++) order[bins[binOf[b]!]!++] = b;
}

/** The units' flat rows as arrays: a row where `defined` has 1 (possibly empty), else a hole. */
export function unitRowsOf(
  flat: FlatRows,
  defined: Uint8Array,
  units: number,
  gridRows: number,
): (Intervals | undefined)[][] {
  const unitRows: (Intervals | undefined)[][] = [];
  for (let u = 0; u < units; u++) {
    const rows: (Intervals | undefined)[] = new Array(gridRows);
    const offset = u * (gridRows + 1);
    for (let k = 0; k < gridRows; k++) {
      if (defined[u * gridRows + k]) {
        rows[k] = rowOf(flat.values, flat.offsets[offset + k]!, flat.offsets[offset + k + 1]!);
      }
    }
    unitRows.push(rows);
  }
  return unitRows;
}

/** Flat land rows as arrays: a row where `defined` has 1 (possibly empty), else undefined. */
export function landRowsOf(flat: FlatLand, gridRows: number): (Intervals | undefined)[] {
  const rows: (Intervals | undefined)[] = [];
  for (let k = 0; k < gridRows; k++) {
    rows.push(
      flat.defined[k] ? rowOf(flat.values, flat.offsets[k]!, flat.offsets[k + 1]!) : undefined,
    );
  }
  return rows;
}

/** values[from..to) as an array, made at its length (cheaper than growing it, unoptimised). */
export function rowOf(values: Float64Array, from: number, to: number): Intervals {
  const row: Intervals = new Array<number>(to - from);
  for (let i = from; i < to; i++) row[i - from] = values[i]!;
  return row;
}

function ensureBytes(memory: WebAssembly.Memory, bytes: number): void {
  const pages = Math.ceil((bytes - memory.buffer.byteLength) / 65536);
  if (pages > 0) memory.grow(pages);
}
