import { REACH_KERNEL_WASM } from './wasm/reach_kernel_wasm';

/**
 * The WebAssembly reach kernel (wasm/reach_kernel.as.ts) and its memory, laid out per
 * facility: which rows are wanted, the running interval per row, the line being measured and
 * the runs set aside. Compiled on first use (1.5 kB, synchronously: allowed for a module this
 * small on any thread). Where WebAssembly is missing or forbidden (a Content-Security-Policy
 * without 'wasm-unsafe-eval'), `reachKernel()` is null and the JavaScript kernel measures alone:
 * the two give the same rows to the last bit.
 */
interface KernelExports {
  memory: WebAssembly.Memory;
  asideCount: WebAssembly.Global;
  overflowed: WebAssembly.Global;
  setGrid: (y0: number, spacing: number, count: number, wanted: number) => void;
  startFacility: (
    first: number,
    runStart: number,
    runEnd: number,
    asideRow: number,
    asideStart: number,
    asideEnd: number,
    capacity: number,
  ) => void;
  addDisc: (cx: number, cy: number, r: number) => void;
  addStadiums: (at: number, length: number, r: number) => void;
}

/** Views of the kernel's memory for one facility; valid until the next `layOut`. */
export interface ReachKernel {
  exports: KernelExports;
  runStart: Float64Array;
  runEnd: Float64Array;
  line: Float64Array;
  lineAt: number;
  asideRow: Int32Array;
  asideStart: Float64Array;
  asideEnd: Float64Array;
}

let compiled: KernelExports | null | undefined;
let enabled = true;
/** Capacities of the current layout (rows of the grid, rows and line numbers of a facility). */
let layout = { gridRows: 0, facilityRows: 0, lineNumbers: 0, aside: 0 };
let views: ReachKernel | null = null;
let wantedSent: Uint8Array | null = null;

function compile(): KernelExports | null {
  try {
    const bytes = Uint8Array.from(atob(REACH_KERNEL_WASM), (c) => c.charCodeAt(0));
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    return instance.exports as unknown as KernelExports;
  } catch {
    return null;
  }
}

/** Chooses the kernel: false measures with the JavaScript kernel only (the reference). */
export function chooseWasmReachKernel(use: boolean): void {
  enabled = use;
}

/**
 * The kernel laid out for a facility of `rows` rows whose longest line has `lineNumbers`
 * numbers, on a grid of `gridRows` rows with `wanted` rows; null without WebAssembly.
 */
export function reachKernel(
  gridRows: number,
  wanted: Uint8Array,
  rows: number,
  lineNumbers: number,
): ReachKernel | null {
  if (!enabled) return null;
  if (compiled === undefined) compiled = compile();
  if (!compiled) return null;
  if (
    !views ||
    gridRows > layout.gridRows ||
    rows > layout.facilityRows ||
    lineNumbers > layout.lineNumbers
  ) {
    layOut(compiled, gridRows, rows, lineNumbers);
  }
  if (wantedSent !== wanted) {
    new Uint8Array(compiled.memory.buffer, 0, wanted.length).set(wanted);
    wantedSent = wanted;
  }
  return views;
}

function layOut(exports: KernelExports, gridRows: number, rows: number, lineNumbers: number) {
  layout = {
    gridRows: Math.max(gridRows, layout.gridRows),
    facilityRows: Math.max(2 * rows, layout.facilityRows, 1024),
    lineNumbers: Math.max(2 * lineNumbers, layout.lineNumbers, 1024),
    aside: 0,
  };
  layout.aside = 4 * layout.facilityRows;
  const align = (n: number) => Math.ceil(n / 8) * 8;
  const runStartAt = align(layout.gridRows);
  const runEndAt = runStartAt + 8 * layout.facilityRows;
  const lineAt = runEndAt + 8 * layout.facilityRows;
  const asideRowAt = lineAt + 8 * layout.lineNumbers;
  const asideStartAt = asideRowAt + align(4 * layout.aside);
  const asideEndAt = asideStartAt + 8 * layout.aside;
  const bytes = asideEndAt + 8 * layout.aside;
  const memory = exports.memory;
  const pages = Math.ceil((bytes - memory.buffer.byteLength) / 65536);
  if (pages > 0) memory.grow(pages);
  const buffer = memory.buffer;
  views = {
    exports,
    runStart: new Float64Array(buffer, runStartAt, layout.facilityRows),
    runEnd: new Float64Array(buffer, runEndAt, layout.facilityRows),
    line: new Float64Array(buffer, lineAt, layout.lineNumbers),
    lineAt,
    asideRow: new Int32Array(buffer, asideRowAt, layout.aside),
    asideStart: new Float64Array(buffer, asideStartAt, layout.aside),
    asideEnd: new Float64Array(buffer, asideEndAt, layout.aside),
  };
  wantedSent = null;
}

/** The start of the set-aside runs and their capacity, as `startFacility` takes them. */
export function startKernelFacility(kernel: ReachKernel, first: number): void {
  kernel.exports.startFacility(
    first,
    kernel.runStart.byteOffset,
    kernel.runEnd.byteOffset,
    kernel.asideRow.byteOffset,
    kernel.asideStart.byteOffset,
    kernel.asideEnd.byteOffset,
    kernel.asideRow.length,
  );
}
