/**
 * public/geo/prepared-rows.bin: the shipped area's prepared rows (the units' residential land
 * per row, and the blocks' centres), made by `npm run data:prepare` so that the analysis need
 * not prepare them on its first run. Outside input to the worker that reads it:
 * `readPreparedRows` is its one gate, and a file that fails any check is not used at all.
 *
 * Little-endian, each part starting at a multiple of 8:
 *   0  "HTPR", format version (u32)
 *   8  SHA-256 of the inputs the rows were made from (see prepared_digest.ts), 32 bytes
 *  40  row spacing, central meridian, grid y0 (f64 each)
 *  64  grid rows, units, blocks, unit numbers, names' bytes (u32 each), 0 (u32)
 *  88  the units' names as a JSON array (UTF-8)
 *      the blocks' centres (x, y: f64 each)
 *      the units' row offsets, as `FlatRows` lays them out (i32, units·(grid rows + 1))
 *      1 where a unit has a set on a row, else 0 (u8, units·grid rows)
 *      the numbers of every unit's rows, one after another (f64): start, end, start, end …
 * The units' rows are read in place (views of the file's buffer), as the kernels take them.
 */
import { type FlatLand, type FlatRows, checkUnitRowsByKernel } from './coverage_kernel';
import { landOfUnitRowsByKernel } from './prepare_kernel';

const MAGIC = 0x52505448; // "HTPR" read as a little-endian u32
export const PREPARED_ROWS_VERSION = 1;
const DIGEST_BYTES = 32;
const HEADER_BYTES = 88;
/** Limits named here so that no count in a file can ask for more memory than an area needs. */
export const PREPARED_ROWS_LIMITS = {
  gridRows: 1_000_000,
  units: 1_000,
  blocks: 1_000_000,
  numbers: 50_000_000,
  namesBytes: 1_000_000,
  /** Units times grid rows: the offsets and flags the file holds. */
  unitRows: 20_000_000,
};

export interface PreparedRows {
  /** SHA-256 of the inputs the rows were made from. */
  digest: Uint8Array;
  rowSpacingM: number;
  centralLon: number;
  y0: number;
  gridRows: number;
  unitNames: string[];
  /** Each block's centre (x, y), in the blocks' order. */
  blockCentres: Float64Array;
  /** The units' rows, as the kernel lays them out (`FlatRows`). */
  unitRows: FlatRows;
  /** 1 where unit u has a set on row k (possibly empty), at u·gridRows + k. */
  unitDefined: Uint8Array;
}

/** A file read through the gate: its rows, and the land of all units made from them. */
export interface CheckedPreparedRows {
  rows: PreparedRows;
  land: FlatLand;
  wanted: Uint8Array;
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

/** Where each part of a file of these counts begins, and its length. */
function partsOf(units: number, gridRows: number, blocks: number, namesBytes: number) {
  const centresAt = align8(HEADER_BYTES + namesBytes);
  const offsetsAt = centresAt + 16 * blocks;
  const definedAt = offsetsAt + 4 * units * (gridRows + 1);
  const valuesAt = align8(definedAt + units * gridRows);
  return { centresAt, offsetsAt, definedAt, valuesAt };
}

export function encodePreparedRows(rows: PreparedRows): Uint8Array<ArrayBuffer> {
  const { gridRows, unitNames, unitRows, unitDefined, blockCentres } = rows;
  const units = unitNames.length;
  const names = new TextEncoder().encode(JSON.stringify(unitNames));
  const at = partsOf(units, gridRows, blockCentres.length / 2, names.length);
  const bytes = new Uint8Array(at.valuesAt + 8 * unitRows.values.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, PREPARED_ROWS_VERSION, true);
  bytes.set(rows.digest, 8);
  view.setFloat64(40, rows.rowSpacingM, true);
  view.setFloat64(48, rows.centralLon, true);
  view.setFloat64(56, rows.y0, true);
  view.setUint32(64, gridRows, true);
  view.setUint32(68, units, true);
  view.setUint32(72, blockCentres.length / 2, true);
  view.setUint32(76, unitRows.values.length, true);
  view.setUint32(80, names.length, true);
  bytes.set(names, HEADER_BYTES);
  blockCentres.forEach((x, i) => view.setFloat64(at.centresAt + 8 * i, x, true));
  unitRows.offsets.forEach((x, i) => view.setInt32(at.offsetsAt + 4 * i, x, true));
  bytes.set(unitDefined, at.definedAt);
  unitRows.values.forEach((x, i) => view.setFloat64(at.valuesAt + 8 * i, x, true));
  return bytes;
}

export type PreparedRowsReading =
  ({ ok: true } & CheckedPreparedRows) | { ok: false; reason: string };

/** True on a little-endian engine (every current browser): the file's numbers are read in place. */
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The gate of a prepared-rows file: every size and count fits the buffer and its limits, the
 * names are strings, every number is finite, each row's intervals are sorted, non-empty and
 * apart (checked by the coverage kernel; the prepare kernel then makes the land of all units). Any
 * failure names its reason and nothing of the file is used; without the kernel the file is
 * not read at all (the rows are then prepared in JavaScript).
 */
export function readPreparedRows(buffer: ArrayBuffer): PreparedRowsReading {
  try {
    return { ok: true, ...readChecked(buffer) };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

function readChecked(buffer: ArrayBuffer): CheckedPreparedRows {
  const fail = (reason: string): never => {
    throw new Error(`prepared rows: ${reason}`);
  };
  if (!littleEndian) fail('a big-endian engine reads the file otherwise');
  if (buffer.byteLength < HEADER_BYTES) fail(`${buffer.byteLength} bytes, shorter than its header`);
  const view = new DataView(buffer);
  if (view.getUint32(0, true) !== MAGIC) fail('not a prepared-rows file');
  const version = view.getUint32(4, true);
  if (version !== PREPARED_ROWS_VERSION) {
    fail(`format version ${version}, not ${PREPARED_ROWS_VERSION}`);
  }
  const rowSpacingM = view.getFloat64(40, true);
  const centralLon = view.getFloat64(48, true);
  const y0 = view.getFloat64(56, true);
  if (!(rowSpacingM > 0 && rowSpacingM < Infinity)) fail('row spacing not a positive number');
  if (!(Math.abs(centralLon) <= 180)) fail('central meridian out of range');
  if (!Number.isFinite(y0)) fail('grid origin not finite');
  const count = (at: number, name: keyof typeof PREPARED_ROWS_LIMITS, least = 0) => {
    const n = view.getUint32(at, true);
    if (n < least || n > PREPARED_ROWS_LIMITS[name]) fail(`${name} ${n} out of range`);
    return n;
  };
  const gridRows = count(64, 'gridRows', 1);
  const units = count(68, 'units');
  const blocks = count(72, 'blocks');
  const numbers = count(76, 'numbers');
  const namesBytes = count(80, 'namesBytes');
  if (view.getUint32(84, true) !== 0) fail('header padding not zero');
  if (units * gridRows > PREPARED_ROWS_LIMITS.unitRows) fail('units × rows out of range');
  const at = partsOf(units, gridRows, blocks, namesBytes);
  const expected = at.valuesAt + 8 * numbers;
  if (buffer.byteLength !== expected) {
    fail(`${buffer.byteLength} bytes where its counts make ${expected}`);
  }
  let unitNames: unknown;
  try {
    unitNames = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(
        new Uint8Array(buffer, HEADER_BYTES, namesBytes),
      ),
    );
  } catch {
    fail('unit names not JSON text');
  }
  if (
    !Array.isArray(unitNames) ||
    unitNames.length !== units ||
    !unitNames.every((n) => typeof n === 'string')
  ) {
    fail(`unit names not ${units} strings`);
  }
  const bytes = new Uint8Array(buffer);
  const padding = [
    [HEADER_BYTES + namesBytes, at.centresAt],
    [at.definedAt + units * gridRows, at.valuesAt],
  ];
  for (const [from, to] of padding) {
    for (let i = from!; i < to!; i++) if (bytes[i] !== 0) fail('padding not zero');
  }
  const blockCentres = new Float64Array(buffer, at.centresAt, 2 * blocks);
  for (let i = 0; i < blockCentres.length; i++) {
    if (!Number.isFinite(blockCentres[i]!)) fail(`block centre ${i >> 1} not finite`);
  }
  const unitRows: FlatRows = {
    offsets: new Int32Array(buffer, at.offsetsAt, units * (gridRows + 1)),
    values: new Float64Array(buffer, at.valuesAt, numbers),
  };
  const unitDefined = new Uint8Array(buffer, at.definedAt, units * gridRows);
  const failed = checkUnitRowsByKernel(units, gridRows, unitRows, unitDefined);
  if (failed === null) fail('no WebAssembly kernel to check the rows');
  if (failed! >= units * gridRows) fail(`the rows hold other than ${numbers} numbers`);
  if (failed! >= 0) {
    const [u, k] = [Math.floor(failed! / gridRows), failed! % gridRows];
    fail(`unit ${u} row ${k}: counts or intervals not sorted, finite and apart`);
  }
  const made = landOfUnitRowsByKernel(units, gridRows, unitRows, unitDefined);
  if (!made) fail('no WebAssembly kernel to make the land of all units');
  const { land, wanted } = made!;
  return {
    rows: {
      digest: new Uint8Array(buffer, 8, DIGEST_BYTES),
      rowSpacingM,
      centralLon,
      y0,
      gridRows,
      unitNames: unitNames as string[],
      blockCentres,
      unitRows,
      unitDefined,
    },
    land,
    wanted,
  };
}
