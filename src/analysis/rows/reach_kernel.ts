import { REACH_KERNEL_WASM } from './wasm/reach_kernel_wasm';

/**
 * The WebAssembly row kernels (wasm/reach_kernel.as.ts): the reach kernel, with its memory laid
 * out per facility (which rows are wanted, the running interval per row, the line being
 * measured, the runs set aside), and the ring rows of a shape. Compiled on first use,
 * synchronously: Chromium allows that on the main thread only for modules under 4 kB (this one
 * is 3 kB; past that, compile it asynchronously first). Where WebAssembly is missing or
 * forbidden (a Content-Security-Policy without 'wasm-unsafe-eval'), `reachKernel()` and
 * `ringRowsByKernel()` are null and the JavaScript kernels measure alone: the two give the same
 * rows to the last bit.
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
  ringEdges: (
    coordinates: number,
    ringEnds: number,
    ringCount: number,
    first: number,
    count: number,
    rowStarts: number,
    edgeRows: number,
    edgeEnds: number,
  ) => number;
  ringPairs: (
    first: number,
    count: number,
    rowStarts: number,
    rowFill: number,
    edgeRows: number,
    edgeEnds: number,
    crossings: number,
    outRow: number,
    outStart: number,
    outEnd: number,
  ) => number;
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

let kernelModule: WebAssembly.Module | null | undefined;
let compiled: KernelExports | null | undefined;
let enabled = true;
/** Capacities of the current layout (rows of the grid, rows and line numbers of a facility). */
let layout = { gridRows: 0, facilityRows: 0, lineNumbers: 0, aside: 0 };
let views: ReachKernel | null = null;
let wantedSent: Uint8Array | null = null;

/** A new instance of the kernel, with a memory of its own; null without WebAssembly. */
function compile(): KernelExports | null {
  if (kernelModule === undefined) kernelModule = compileModule(REACH_KERNEL_WASM);
  return kernelModule && instantiate<KernelExports>(kernelModule);
}

/**
 * The bytes `compileModuleSoon` decoded, by their base64 text, until a module of them is kept:
 * a kernel needed before its module arrives compiles them without decoding the text again.
 */
const decodedSoon = new Map<string, Uint8Array<ArrayBuffer>>();

/** The module of base64 `text`; null where WebAssembly is missing or forbidden. */
export function compileModule(text: string): WebAssembly.Module | null {
  try {
    const bytes = decodedSoon.get(text) ?? base64Bytes(text);
    decodedSoon.delete(text);
    return new WebAssembly.Module(bytes);
  } catch {
    return null;
  }
}

/**
 * Starts compiling the module of base64 `text` on the engine's own threads, for a worker to do
 * when it loads: its first analysis then finds the module compiled (`keep` gets it) instead of
 * compiling it then. Where that fails, the kernel compiles when it is first used, as without.
 */
export function compileModuleSoon(text: string, keep: (module: WebAssembly.Module) => void): void {
  if (!enabled || typeof WebAssembly === 'undefined') return;
  try {
    const bytes = base64Bytes(text);
    decodedSoon.set(text, bytes);
    WebAssembly.compile(bytes).then(
      (module) => {
        decodedSoon.delete(text);
        keep(module);
      },
      () => undefined,
    );
  } catch {
    // Compiled when first used.
  }
}

/** The reach kernel's module, compiled soon (see `compileModuleSoon`). */
export function compileReachKernelSoon(): void {
  compileModuleSoon(REACH_KERNEL_WASM, (module) => (kernelModule ??= module));
}

/** Where the engine decodes base64 itself (Chromium 140 on), nothing of it runs unoptimised. */
const withBase64 = Uint8Array as { fromBase64?: (text: string) => Uint8Array<ArrayBuffer> };

function base64Bytes(text: string): Uint8Array<ArrayBuffer> {
  if (withBase64.fromBase64) return withBase64.fromBase64(text);
  // A plain loop: a callback per byte costs much on the first analysis, before optimising.
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A new instance of a module, with a memory of its own; null where that fails. */
export function instantiate<T>(module: WebAssembly.Module): T | null {
  try {
    return new WebAssembly.Instance(module, {}).exports as unknown as T;
  } catch {
    return null;
  }
}

/**
 * What `measure` gives, or null where a kernel fails in it (its memory cannot grow, or it
 * traps): `drop` then forgets the kernel's instance, whose memory may be half laid out, and the
 * caller measures with the JavaScript kernels, which give the same answer.
 */
export function orJavaScript<T>(measure: () => T | null, drop: () => void): T | null {
  try {
    return measure();
  } catch {
    drop();
    return null;
  }
}

/** Forgets the reach kernel's instance and layout: the next facility starts a new one. */
export function dropReachKernel(): void {
  compiled = undefined;
  layout = { gridRows: 0, facilityRows: 0, lineNumbers: 0, aside: 0 };
  views = null;
  wantedSent = null;
}

/**
 * Chooses the kernels: false measures and prepares with the JavaScript kernels only (the
 * reference).
 */
export function chooseWasmReachKernel(use: boolean): void {
  enabled = use;
}

/** Whether the WebAssembly kernels may be used (see `chooseWasmReachKernel`). */
export function wasmKernelsEnabled(): boolean {
  return enabled;
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
  ensureBytes(exports.memory, bytes);
  const buffer = exports.memory.buffer;
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

/**
 * The ring rows of a shape (addRingRows of row_sampling.ts) by the kernel, in an instance of
 * its own (a facility's inside is sampled while its reach is in the other's memory): the
 * intervals as (row, start, end), rows ascending and intervals ascending within a row, joined
 * where one ends where the next starts; views valid until the next call. Null without
 * WebAssembly.
 */
export function ringRowsByKernel(
  rings: readonly number[][],
  y0: number,
  spacingM: number,
  gridCount: number,
  first: number,
  count: number,
): { rows: Int32Array; starts: Float64Array; ends: Float64Array } | null {
  return orJavaScript(
    () => ringRowsInKernel(rings, y0, spacingM, gridCount, first, count),
    () => (rings_ = undefined),
  );
}

function ringRowsInKernel(
  rings: readonly number[][],
  y0: number,
  spacingM: number,
  gridCount: number,
  first: number,
  count: number,
): { rows: Int32Array; starts: Float64Array; ends: Float64Array } | null {
  if (!enabled) return null;
  if (rings_ === undefined) rings_ = compile();
  const run = rings_;
  if (!run) return null;
  let numbers = 0;
  for (let r = 0; r < rings.length; r++) numbers += rings[r]!.length;
  const edges = numbers >> 1;
  // Coordinates, ring ends, row starts and fills, edges: known before the crossings are.
  let at = 0;
  const coordinatesAt = at;
  at += 8 * numbers;
  const ringEndsAt = at;
  at += 8 * Math.ceil(rings.length / 2);
  const rowStartsAt = at;
  at += 8 * Math.ceil((count + 1) / 2);
  const rowFillAt = at;
  at += 8 * Math.ceil(count / 2);
  const edgeRowsAt = at;
  at += 8 * edges;
  const edgeEndsAt = at;
  at += 32 * edges;
  ensureBytes(run.memory, at);
  let buffer = run.memory.buffer;
  const coordinates = new Float64Array(buffer, coordinatesAt, numbers);
  const ringEnds = new Int32Array(buffer, ringEndsAt, rings.length);
  let offset = 0;
  for (let r = 0; r < rings.length; r++) {
    coordinates.set(rings[r]!, offset);
    offset += rings[r]!.length;
    ringEnds[r] = offset;
  }
  run.setGrid(y0, spacingM, gridCount, 0);
  const crossings = run.ringEdges(
    coordinatesAt,
    ringEndsAt,
    rings.length,
    first,
    count,
    rowStartsAt,
    edgeRowsAt,
    edgeEndsAt,
  );
  const pairs = crossings >> 1;
  const crossingsAt = at;
  const outRowAt = crossingsAt + 8 * crossings;
  const outStartAt = outRowAt + 8 * Math.ceil(pairs / 2);
  const outEndAt = outStartAt + 8 * pairs;
  ensureBytes(run.memory, outEndAt + 8 * pairs);
  const out = run.ringPairs(
    first,
    count,
    rowStartsAt,
    rowFillAt,
    edgeRowsAt,
    edgeEndsAt,
    crossingsAt,
    outRowAt,
    outStartAt,
    outEndAt,
  );
  buffer = run.memory.buffer;
  return {
    rows: new Int32Array(buffer, outRowAt, out),
    starts: new Float64Array(buffer, outStartAt, out),
    ends: new Float64Array(buffer, outEndAt, out),
  };
}

let rings_: KernelExports | null | undefined;

function ensureBytes(memory: WebAssembly.Memory, bytes: number): void {
  const pages = Math.ceil((bytes - memory.buffer.byteLength) / 65536);
  if (pages > 0) memory.grow(pages);
}
