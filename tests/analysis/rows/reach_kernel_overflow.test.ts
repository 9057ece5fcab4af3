/**
 * The WebAssembly reach kernel hands a facility to the JavaScript kernel when it sets aside
 * more separate runs than its memory holds. In a file of its own, so that the kernel starts
 * from its smallest layout (room for 4,096 runs set aside) whatever other tests measured.
 */
import type { Geometry } from 'geojson';
import { expect, it } from 'vitest';
import { chooseWasmReachKernel, reachKernel } from '../../../src/analysis/rows/reach_kernel';
import { prepareArea, reachRows } from '../../../src/analysis/rows/row_coverage';
import { createRectangle, offset, twoUnits } from '../fixtures';

it('hands a facility with more separate runs than it has room for to the JavaScript kernel', () => {
  const area = prepareArea(twoUnits().features as Parameters<typeof prepareArea>[0], [
    createRectangle(-4000, -100, 4000, 100),
  ]);
  // Discs 1 m wide, 1.5 m apart, on 9 lines 0.5 m apart: a row crossing them meets 5,200.
  const [west, south] = offset(-3900, 0);
  const [east] = offset(3900, 0);
  const [, north] = offset(0, 4);
  const coordinates: number[][] = [];
  for (let j = 0; j <= 8; j++) {
    for (let i = 0; i < 5200; i++) {
      coordinates.push([west + ((east - west) * i) / 5200, south + ((north - south) * j) / 8]);
    }
  }
  const facilities = [{ geometry: { type: 'MultiPoint', coordinates } as Geometry, radiusM: 0.5 }];

  chooseWasmReachKernel(true);
  const wasm = reachRows(area, facilities);
  // The kernel ran out of room on this facility (its flag is reset only by the next one).
  const kernel = reachKernel(1, new Uint8Array(1), 1, 1);
  expect(kernel).not.toBeNull();
  expect(kernel!.exports.overflowed.value).toBe(1);

  chooseWasmReachKernel(false);
  const js = reachRows(area, facilities);
  chooseWasmReachKernel(true);
  expect(js.filter((row) => row && row.length > 2 * 5000).length).toBeGreaterThan(0);
  expect(wasm).toEqual(js);
});
