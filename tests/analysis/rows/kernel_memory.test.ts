/**
 * A WebAssembly kernel whose memory cannot grow (the page out of memory) hands its work to the
 * JavaScript kernels: the analysis gives the same figures instead of failing. In a file of its
 * own, so that each kernel starts from its smallest memory and has to grow.
 */
import type { Geometry } from 'geojson';
import { afterEach, expect, it, vi } from 'vitest';
import { chooseWasmReachKernel } from '../../../src/analysis/rows/reach_kernel';
import {
  type FacilityReach,
  prepareArea,
  reachAndCoverage,
} from '../../../src/analysis/rows/row_coverage';
import { loadShippedLayer as load } from '../../shipped_layer';

const units = load('subdistricts').features as Parameters<typeof prepareArea>[0];
const residential = load('residential').features;
const parks: FacilityReach[] = load('parks').features.map((f) => ({
  geometry: f.geometry as Geometry,
  radiusM: 500,
}));

afterEach(() => {
  vi.restoreAllMocks();
  chooseWasmReachKernel(true);
});

/** Every grow of a kernel's memory fails as the browser fails it when memory runs out. */
const memoryCannotGrow = () =>
  vi.spyOn(WebAssembly.Memory.prototype, 'grow').mockImplementation(() => {
    throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
  });

function measured() {
  const area = prepareArea(units, residential);
  return { area, ...reachAndCoverage(area, parks) };
}

it('prepares and measures as the JavaScript kernels do when no kernel memory can grow', () => {
  const grow = memoryCannotGrow();
  const failing = measured();
  // The kernels were tried (each needed more memory than it starts with).
  expect(grow).toHaveBeenCalled();
  grow.mockRestore();
  chooseWasmReachKernel(false);
  const js = measured();
  expect(failing.perUnit.some((u) => u.coveredM2 > 0)).toBe(true);
  expect(failing.area.unitRows).toEqual(js.area.unitRows);
  expect(failing.area.residentialRows).toEqual(js.area.residentialRows);
  expect(failing.reach).toEqual(js.reach);
  expect(failing.perUnit).toEqual(js.perUnit);
});

it('uses the kernels again once their memory can grow', () => {
  const grow = memoryCannotGrow();
  measured();
  grow.mockRestore();
  const growing = vi.spyOn(WebAssembly.Memory.prototype, 'grow');
  const wasm = measured();
  expect(growing).toHaveBeenCalled();
  // Only the prepare kernel keeps the units' rows flat: it prepared this area.
  expect(wasm.area.flatUnitRows).toBeDefined();
  chooseWasmReachKernel(false);
  const js = measured();
  expect(wasm.reach).toEqual(js.reach);
  expect(wasm.perUnit).toEqual(js.perUnit);
});
