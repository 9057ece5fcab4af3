/**
 * The WebAssembly reach kernel against the JavaScript one it stands in for: the same rows,
 * number for number, on the shipped data (parks as polygons, metro stations as points,
 * greenways and roads as lines) at the default 4 m rows and at 0.5 m; and the committed module is what its source
 * compiles to.
 */
import type { Feature, Geometry, Polygon, Position } from 'geojson';
import { afterEach, describe, expect, it } from 'vitest';
import { COVERAGE_KERNEL_WASM } from '../../../src/analysis/rows/wasm/coverage_kernel_wasm';
import { PREPARE_KERNEL_WASM } from '../../../src/analysis/rows/wasm/prepare_kernel_wasm';
import { REACH_KERNEL_WASM } from '../../../src/analysis/rows/wasm/reach_kernel_wasm';
import { reachKernel, chooseWasmReachKernel } from '../../../src/analysis/rows/reach_kernel';
import {
  type FacilityReach,
  type PreparedArea,
  measureCoverage,
  prepareArea,
  prepareAreaAndBlocks,
  reachAndCoverage,
  reachRows,
} from '../../../src/analysis/rows/row_coverage';
import { prepareCoverage } from '../../../src/analysis/coverage_report';
import { type LayerId } from '../../../src/data/layers';
import { ROW_KERNELS, compileRowKernel } from '../../../scripts/wasm/reach_kernel';
import { createRectangle, offset, twoUnits } from '../fixtures';
import { loadShippedLayer as load } from '../../shipped_layer';

const units = load('subdistricts').features as Parameters<typeof prepareArea>[0];
const residential = load('residential').features;
const reaches = (layer: LayerId, radiusM: number): FacilityReach[] =>
  load(layer).features.map((f) => ({ geometry: f.geometry as Geometry, radiusM }));

const polygon = (ring: Position[]): Polygon => ({ type: 'Polygon', coordinates: [ring] });

function bothKernels(area: PreparedArea, facilities: FacilityReach[]) {
  chooseWasmReachKernel(true);
  const wasm = reachRows(area, facilities);
  chooseWasmReachKernel(false);
  const js = reachRows(area, facilities);
  return { wasm, js };
}

describe('the WebAssembly reach kernel', () => {
  afterEach(() => chooseWasmReachKernel(true));

  it('measures the rows the JavaScript kernel measures, to the last bit', () => {
    // Compiled and in use here (Node has WebAssembly), so the comparison compares two kernels.
    expect(reachKernel(8, new Uint8Array(8), 8, 8)).not.toBeNull();
    const area = prepareArea(units, residential);
    const cases = [
      reaches('parks', 300),
      reaches('parks', 500),
      reaches('metro-stations', 800),
      reaches('roads', 200),
      reaches('greenways', 1000),
      reaches('schools', 500),
    ];
    for (const facilities of cases) {
      expect(facilities.length).toBeGreaterThan(0);
      const { wasm, js } = bothKernels(area, facilities);
      expect(wasm.some((row) => row && row.length > 0)).toBe(true);
      expect(wasm).toEqual(js);
    }
  });

  it('does so at 0.5 m rows too', () => {
    const area = prepareArea(units, residential, 0.5);
    const { wasm, js } = bothKernels(area, reaches('parks', 500));
    expect(wasm).toEqual(js);
  });

  it('samples residential land and units into the rows the JavaScript kernel samples', () => {
    for (const spacing of [4, 0.5]) {
      chooseWasmReachKernel(true);
      const wasm = prepareArea(units, residential, spacing);
      chooseWasmReachKernel(false);
      const js = prepareArea(units, residential, spacing);
      expect(wasm.residentialRows.some((row) => row && row.length > 0)).toBe(true);
      expect(wasm.unitRows).toEqual(js.unitRows);
      expect(wasm.residentialRows).toEqual(js.residentialRows);
    }
  });

  it('measures the coverage of each unit as the JavaScript kernels do, to the last bit', () => {
    for (const spacing of [4, 0.5]) {
      chooseWasmReachKernel(true);
      const wasmArea = prepareArea(units, residential, spacing);
      chooseWasmReachKernel(false);
      const jsArea = prepareArea(units, residential, spacing);
      // The kernels measure on flat rows of their own; the JavaScript on the arrays.
      expect(wasmArea.flatUnitRows).toBeDefined();
      expect(jsArea.flatUnitRows).toBeUndefined();
      for (const facilities of [reaches('parks', 500), reaches('roads', 200)]) {
        chooseWasmReachKernel(true);
        const wasm = reachAndCoverage(wasmArea, facilities);
        chooseWasmReachKernel(false);
        const js = reachAndCoverage(jsArea, facilities);
        expect(wasm.perUnit.some((u) => u.coveredM2 > 0)).toBe(true);
        expect(wasm.perUnit).toEqual(js.perUnit);
        expect(wasm.perUnit).toEqual(measureCoverage(jsArea, js.reach));
        expect(wasm.reach).toEqual(js.reach);
      }
    }
  });

  it('finds the centres of the blocks as the JavaScript does, to the last bit', () => {
    const layers = { subdistricts: load('subdistricts'), residential: load('residential') };
    chooseWasmReachKernel(true);
    const wasm = prepareCoverage(layers);
    expect(prepareAreaAndBlocks(units, residential).blockCentres).toHaveLength(residential.length);
    chooseWasmReachKernel(false);
    const js = prepareCoverage(layers);
    expect(prepareAreaAndBlocks(units, residential).blockCentres).toBeUndefined();
    expect(wasm.sites.every((site) => Number.isFinite(site.centre[0]))).toBe(true);
    expect(wasm.sites).toEqual(js.sites);
  });

  it('sorts a row of many crossings as the JavaScript kernel does', () => {
    // 40 blocks 20 m wide and 5 m apart in one shape: 80 crossings on each row they span.
    const blocks = Array.from({ length: 40 }, (_, i) =>
      createRectangle(-1000 + 25 * i, -50 - i, -980 + 25 * i, 50 + i),
    );
    const shape = {
      ...blocks[0]!,
      geometry: {
        type: 'MultiPolygon',
        coordinates: blocks.map((b) => (b.geometry as { coordinates: number[][][] }).coordinates),
      } as Geometry,
    };
    const area = (use: boolean) => {
      chooseWasmReachKernel(use);
      return prepareArea(twoUnits().features as Parameters<typeof prepareArea>[0], [shape], 1)
        .residentialRows;
    };
    const wasm = area(true);
    expect(wasm.some((row) => row && row.length === 80)).toBe(true);
    expect(wasm).toEqual(area(false));
  });

  it('merges blocks whose pieces of a row come far out of order as the JavaScript does', () => {
    // Twenty wide diamonds whose west points lie farther west than forty small squares near
    // their tops: taken by their west ends, the diamonds come first, yet on the rows near their
    // tops each square lies west of every diamond's piece of the row.
    const diamond = (cx: number, r: number): Feature<Geometry> => {
      const [w, s, e, n] = [offset(cx - r, 0), offset(cx, -r), offset(cx + r, 0), offset(cx, r)];
      return { type: 'Feature', properties: {}, geometry: polygon([w, s, e, n, w]) };
    };
    const blocks = [
      ...Array.from({ length: 20 }, (_, i) => diamond(-2 * i, 1000)),
      ...Array.from({ length: 40 }, (_, i) =>
        createRectangle(-900 + 20 * i, 930, -890 + 20 * i, 990),
      ),
    ];
    const area = (use: boolean) => {
      chooseWasmReachKernel(use);
      return prepareArea(twoUnits().features as Parameters<typeof prepareArea>[0], blocks, 1)
        .residentialRows;
    };
    const wasm = area(true);
    // A row near the diamonds' tops holds the forty squares and the diamonds' joined piece
    // (in two, as the two units meet in it).
    expect(wasm.some((row) => row && row.length === 2 * 42)).toBe(true);
    expect(wasm).toEqual(area(false));
  });

  it('stays small enough to compile synchronously on the page too', () => {
    // The inspection card prepares and measures on the page's thread, where Chromium compiles a
    // module synchronously only below 4 KiB; past that the page would fall back to JavaScript.
    for (const module of [REACH_KERNEL_WASM, PREPARE_KERNEL_WASM, COVERAGE_KERNEL_WASM]) {
      expect(atob(module).length).toBeLessThan(4096);
    }
  });

  it('is committed as its sources compile', async () => {
    const committed = [REACH_KERNEL_WASM, PREPARE_KERNEL_WASM, COVERAGE_KERNEL_WASM];
    for (const [i, kernel] of ROW_KERNELS.entries()) {
      const binary = await compileRowKernel(kernel);
      expect(Buffer.from(binary).toString('base64')).toBe(committed[i]);
    }
  }, 60_000);
});
