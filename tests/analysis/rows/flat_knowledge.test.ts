/**
 * Known and unknown land per unit, measured on the units' flat rows (where the WebAssembly
 * kernel prepared the area) and on the row arrays (where the JavaScript did): the same figures
 * to the last bit, on the shipped data, with a known extent of a box and a unit, and without.
 */
import * as turf from '@turf/turf';
import type { Geometry } from 'geojson';
import { afterEach, expect, it } from 'vitest';
import { knownRows, unitKnowledge } from '../../../src/analysis/known_land';
import { chooseWasmReachKernel } from '../../../src/analysis/rows/reach_kernel';
import {
  type FacilityReach,
  prepareArea,
  reachRows,
} from '../../../src/analysis/rows/row_coverage';
import { loadShippedLayer as load } from '../../shipped_layer';

const subdistricts = load('subdistricts');
const units = subdistricts.features as Parameters<typeof prepareArea>[0];
const residential = load('residential').features;
const parks = (radiusM: number): FacilityReach[] =>
  load('parks').features.map((f) => ({ geometry: f.geometry as Geometry, radiusM }));

afterEach(() => chooseWasmReachKernel(true));

function bothAreas(spacing: number) {
  chooseWasmReachKernel(true);
  const flat = prepareArea(units, residential, spacing);
  chooseWasmReachKernel(false);
  const arrays = prepareArea(units, residential, spacing);
  chooseWasmReachKernel(true);
  return { flat, arrays };
}

it('measures known and unknown land on flat rows as on the row arrays, to the last bit', () => {
  const [west, south, east, north] = turf.bbox(subdistricts);
  // The middle third of the area (its edges cut through land), and the last unit whole.
  const third = (east - west) / 3;
  const extent = {
    boxes: [[west + third, south, east - third, north]],
    units: [units[units.length - 1]!.properties.name],
  };
  for (const spacing of [4, 0.5]) {
    const { flat, arrays } = bothAreas(spacing);
    expect(flat.flatUnitRows).toBeDefined();
    expect(arrays.flatUnitRows).toBeUndefined();
    for (const radiusM of [300, 1000]) {
      const reach = reachRows(arrays, parks(radiusM));
      for (const known of [knownRows(arrays, extent), null]) {
        const fromFlat = unitKnowledge(flat, reach, known);
        const fromArrays = unitKnowledge(arrays, reach, known);
        expect(fromFlat.some((u) => u.knownM2 > 0)).toBe(true);
        if (known) expect(fromFlat.some((u) => u.unknownM2 > 0)).toBe(true);
        expect(fromFlat).toEqual(fromArrays);
      }
    }
  }
});

it('makes the row arrays of kernel-prepared units only when asked, equal to the reference', () => {
  const { flat, arrays } = bothAreas(4);
  expect(flat.unitRows).toEqual(arrays.unitRows);
  // Asked again: the same arrays, not made anew.
  expect(flat.unitRows).toBe(flat.unitRows);
});
