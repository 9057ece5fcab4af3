/**
 * The residential sample spacing of network coverage is fine enough: on the seven units'
 * real residential land and facilities, halving it moves no unit's share by more than 0.5
 * percentage points. No street network of the area ships, so the network here is an 80 m
 * street grid over the whole area; the sampling question is about the land and the reach
 * boundaries, which any dense network produces.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_COVERAGE_PARAMETERS } from '../../../src/analysis/coverage_report';
import { INDICATORS } from '../../../src/analysis/indicators';
import { DEFAULT_SAMPLE_SPACING_M } from '../../../src/analysis/network/coverage';
import { areaProjection, edgesToFeatures } from '../../../src/analysis/network/edges';
import { networkReport, prepareNetworkCoverage } from '../../../src/analysis/network/report';
import { streetGrid } from '../../../scripts/bench/street_grid';
import { loadShippedLayer as load } from '../../shipped_layer';

describe('network coverage sampling on the real units', () => {
  it('halving the spacing moves no unit share by more than 0.5 points', () => {
    const inputs = {
      subdistricts: load('subdistricts'),
      residential: load('residential'),
      parks: load('parks'),
      greenways: load('greenways'),
      schools: load('schools'),
      carParks: null,
      knownExtents: {},
    };
    const projection = areaProjection(inputs.subdistricts.features);
    // The grid spans the units' box in planar metres.
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const f of inputs.subdistricts.features) {
      const rings =
        f.geometry.type === 'Polygon'
          ? [f.geometry.coordinates]
          : f.geometry.type === 'MultiPolygon'
            ? f.geometry.coordinates
            : [];
      for (const polygon of rings) {
        for (const p of polygon[0]!) {
          const [x, y] = projection.forward(p);
          [minX, minY, maxX, maxY] = [
            Math.min(minX, x),
            Math.min(minY, y),
            Math.max(maxX, x),
            Math.max(maxY, y),
          ];
        }
      }
    }
    const step = 80;
    const columns = Math.ceil((maxX - minX) / step) + 1;
    const rows = Math.ceil((maxY - minY) / step) + 1;
    const edges = edgesToFeatures(
      streetGrid(columns, rows, step, { origin: [minX, minY] }),
      projection,
    );
    const p = DEFAULT_COVERAGE_PARAMETERS;
    const coarse = networkReport(inputs, p, prepareNetworkCoverage(inputs, edges));
    const fine = networkReport(
      inputs,
      p,
      prepareNetworkCoverage(inputs, edges, DEFAULT_SAMPLE_SPACING_M / 2),
    );
    let compared = 0;
    coarse.forEach((row, i) => {
      for (const k of INDICATORS) {
        const a = row[k].share;
        const b = fine[i]![k].share;
        if (a === null || b === null) continue;
        expect(Math.abs(a - b)).toBeLessThanOrEqual(0.005);
        compared++;
      }
    });
    // Seven units and the whole area, four measurable indicators.
    expect(compared).toBe(32);
    // The grid reaches all residential land, and a network share is a real fraction.
    expect(coarse.at(-1)!.parks.share).toBeGreaterThan(0.2);
    expect(coarse.at(-1)!.parks.share).toBeLessThan(1);
  }, 120_000);
});
