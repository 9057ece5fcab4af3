/**
 * Known and unknown land per unit, and the rows the map draws (served land, gaps, unknown
 * land), made from the flat rows (where the WebAssembly kernel prepared the area) and from the
 * row arrays (where the JavaScript did): the same to the last bit, on the shipped data, with a
 * known extent of a box and a unit, and without.
 */
import * as turf from '@turf/turf';
import type { Geometry } from 'geojson';
import { afterEach, expect, it } from 'vitest';
import { gapAndUnknownRows, knownRows, unitKnowledge } from '../../../src/analysis/known_land';
import { chooseWasmReachKernel } from '../../../src/analysis/rows/reach_kernel';
import {
  type FacilityReach,
  prepareArea,
  reachRows,
  servedRows,
} from '../../../src/analysis/rows/row_coverage';
import { loadShippedLayer as load } from '../../shipped_layer';

const subdistricts = load('subdistricts');
const [west, south, east, north] = turf.bbox(subdistricts);
const third = (east - west) / 3;
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
  // The middle third of the area (its edges cut through land), and the last unit whole.
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

it('draws served land, gaps and unknown land from flat rows as from the row arrays', () => {
  const extent = { boxes: [[west, south, west + third, north]], units: [] };
  for (const spacing of [4, 0.5]) {
    const { flat, arrays } = bothAreas(spacing);
    expect(flat.flatResidentialRows).toBeDefined();
    expect(arrays.flatResidentialRows).toBeUndefined();
    const known = knownRows(flat, extent);
    expect(known).toEqual(knownRows(arrays, extent));
    // A few small parks leave rows nothing reaches: their land is all gap or unknown.
    for (const facilities of [parks(500), parks(100).slice(0, 5)]) {
      const reach = reachRows(arrays, facilities);
      // (A plain loop: the rows nothing reaches are holes, which `some` would skip.)
      let unreachedLand = false;
      for (let k = 0; k < reach.length; k++) {
        if (!reach[k] && arrays.residentialRows[k]?.length) unreachedLand = true;
      }
      expect(unreachedLand).toBe(facilities.length === 5);
      const served = servedRows(flat, reach);
      expect(served.some((row) => row && row.length > 0)).toBe(true);
      expect(served).toEqual(servedRows(arrays, reach));
      for (const k of [known, null]) {
        const drawn = gapAndUnknownRows(flat, reach, k);
        expect(drawn.gaps.some((row) => row && row.length > 0)).toBe(true);
        expect(drawn).toEqual(gapAndUnknownRows(arrays, reach, k));
      }
    }
  }
});

it('makes the row arrays of a kernel-prepared area only when asked, equal to the reference', () => {
  const { flat, arrays } = bothAreas(4);
  expect(flat.unitRows).toEqual(arrays.unitRows);
  expect(flat.residentialRows).toEqual(arrays.residentialRows);
  // Asked again: the same arrays, not made anew.
  expect(flat.unitRows).toBe(flat.unitRows);
  expect(flat.residentialRows).toBe(flat.residentialRows);
});
