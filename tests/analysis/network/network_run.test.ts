/**
 * Coverage along the walking network in the analysis panel's runner, on a street and blocks
 * drawn so that every share can be worked out by hand.
 *
 * In metres (x east, y north), all blocks 100 m deep (y 0–100) unless said otherwise:
 * - one street along y = 0 from x = 0 to x = 2400, nodes every 100 m;
 * - park P1, x −60–0 (6,000 m², 500 m radius), touching the street's west end;
 * - unit A holds block 1, x 0–1000; unit B block 2, x 1800–2400;
 * - unit C holds block 3, x 0–400 at y 700–800: 700 m from the street, beyond the 300 m leg
 *   limit, so the network does not reach it.
 *
 * A sample at (x, y) of block 1 joins the street straight down (leg y), then walks x to P1:
 * served along the network when x + y ≤ 500, i.e. ∫₀¹⁰⁰ (500 − y) dy = 45,000 m² of 100,000
 * (45 %), where the straight line serves x ≤ 500: 50,000 m² (50 %).
 */
import * as turf from '@turf/turf';
import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { type AnalysisRequest, runAnalysis } from '../../../src/analysis/analysis_run';
import {
  type CoverageInputs,
  DEFAULT_COVERAGE_PARAMETERS,
  prepareCoverage,
} from '../../../src/analysis/coverage_report';
import { edgesToFeatures } from '../../../src/analysis/network/edges';
import { prepareNetworkCoverage } from '../../../src/analysis/network/report';
import {
  type NetworkSource,
  runNetworkAnalysis,
  runNetworkScenario,
} from '../../../src/analysis/network_run';
import { type Scenario, applyScenario } from '../../../src/analysis/scenario';
import type { AppFeatureCollection } from '../../../src/data/schema';
import { streetGrid } from '../../../scripts/bench/street_grid';
import { lonLat, planar, projection, rectangle } from './helpers';

/** Shifts the drawing so that the units' box is centred on the helpers' meridian. */
const SHIFT_X = -1250;
const at = (x: number, y: number) => lonLat(x + SHIFT_X, y);

/** A rectangle of the drawing above, in its metres. */
const box = (
  west: number,
  south: number,
  east: number,
  north: number,
  properties: Record<string, unknown> = {},
) => rectangle(west, south, east, north, properties, at);

const features = (list: Feature[]) =>
  ({ type: 'FeatureCollection', features: list }) as unknown as AppFeatureCollection;

const inputs: CoverageInputs = {
  subdistricts: features([
    box(-100, -100, 1500, 400, { id: 'A', name: 'A' }),
    box(1500, -100, 2600, 400, { id: 'B', name: 'B' }),
    box(-100, 400, 1500, 900, { id: 'C', name: 'C' }),
  ]),
  residential: features([
    box(0, 0, 1000, 100, { id: 'block-1', subdistrict: 'A' }),
    box(1800, 0, 2400, 100, { id: 'block-2', subdistrict: 'B' }),
    box(0, 700, 400, 800, { id: 'block-3', subdistrict: 'C' }),
  ]),
  parks: features([
    box(-60, 0, 0, 100, { id: 'P1', kind: 'park', counts_as_park: true, area_m2: 6000 }),
  ]),
  schools: features([]),
  carParks: null,
  knownExtents: {},
};

const street = edgesToFeatures(streetGrid(25, 1, 100, { origin: planar(SHIFT_X, 0) }), projection);
const source: NetworkSource = { name: 'street.osm', importedAt: '2026-01-01', lengthM: 2400 };
const request: AnalysisRequest = {
  tab: 'parks',
  parameters: DEFAULT_COVERAGE_PARAMETERS,
  schoolLevel: 'kindergarten',
  schoolView: 'coverage',
};

function measure(data: CoverageInputs) {
  const straight = runAnalysis(prepareCoverage(data), data, request);
  const prepared = prepareNetworkCoverage(data, street);
  const network = runNetworkAnalysis(prepared, data, request, straight.rows, source);
  const share = (unit: string) => ({
    straight: straight.rows.find((r) => r.name === unit)!.figures.parks!,
    network: network.rows.find((r) => r.name === unit)!.figures.parks!,
  });
  return { straight, network, prepared, share };
}

/** A sample's error: 10 m rows and 10 m steps along them on a boundary 100 m long. */
const CLOSE = 0.01;

describe('coverage along the network beside the straight line', () => {
  const { straight, network, share } = measure(inputs);

  it('gives block 1 the share worked out by hand, below the straight-line share', () => {
    const a = share('A');
    expect(a.straight.share).toBeCloseTo(0.5, 2);
    expect(Math.abs(a.network.share! - 0.45)).toBeLessThan(CLOSE);
    expect(a.network.share!).toBeLessThan(a.straight.share!);
    expect(a.network.lowerBound).toBe(false);
  });

  it('shows no figure where the network does not reach, and counts its land in the whole', () => {
    const c = share('C');
    expect(c.straight.share).toBe(0);
    expect(c.network.notReached).toBe(true);
    expect(c.network.share).toBeNull();
    // Whole area over A, B and C as the straight line: 45,000 of 200,000 m² against 50,000.
    const whole = network.rows.at(-1)!.figures.parks!;
    expect(whole.measuredUnits).toEqual(['A', 'B', 'C']);
    expect(Math.abs(whole.share! - 0.225)).toBeLessThan(CLOSE / 2);
    expect(whole.share!).toBeLessThan(straight.rows.at(-1)!.figures.parks!.share!);
    expect(whole.lowerBound).toBe(true);
  });

  it('maps the network gaps: every reached block outside 500 m along the street', () => {
    // Block 1: 100,000 − 45,000; block 2: all 60,000; block 3 is off the network.
    const gapM2 = turf.area(network.gaps!);
    expect(Math.abs(gapM2 - 115_000)).toBeLessThan(1_500);
    const block3 = turf.bboxPolygon([...at(0, 700), ...at(400, 800)]);
    expect(turf.booleanIntersects(network.gaps!.features[0]!, block3)).toBe(false);
  });
});

describe('a scenario along the network', () => {
  const addPark: Scenario = {
    id: 's',
    name: '新公园',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    edits: [
      {
        id: 'p2',
        type: 'add-park',
        name: '新公园',
        // x 2400–2460 (6,000 m²), touching the street's east end beside block 2.
        geometry: box(2400, 0, 2460, 100, {}).geometry,
      },
    ],
  };

  it('raises the network share of the block the new park serves, and no other', () => {
    const { prepared, share } = measure(inputs);
    const edited = applyScenario(inputs, addPark);
    const straightAfter = runAnalysis(prepareCoverage(inputs), edited, request).rows;
    const rows = runNetworkScenario(prepared, inputs, request, addPark, straightAfter, source);
    const b = (i: number) => rows[i]!.figures.parks!;
    // Block 2 by hand: (2400 − x) + y ≤ 500 → 45,000 of 60,000 m² (75 %); before, none.
    expect(share('B').network.share).toBe(0);
    expect(Math.abs(b(1).share! - 0.75)).toBeLessThan(CLOSE * 2);
    // The straight line: x ≥ 1900, 50,000 of 60,000 m².
    expect(straightAfter[1]!.figures.parks!.share).toBeCloseTo(5 / 6, 2);
    expect(b(1).share!).toBeLessThan(straightAfter[1]!.figures.parks!.share!);
    expect(b(0).share).toBeCloseTo(share('A').network.share!, 6);
  });
});

describe('a scenario removing a park, along the network', () => {
  const removePark: Scenario = {
    id: 'r',
    name: '拆除公园',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    edits: [{ id: 'r1', type: 'remove', layer: 'parks', featureId: 'P1', name: 'P1' }],
  };

  it('takes block 1 from its share worked out by hand to none, in both columns', () => {
    const { prepared, share } = measure(inputs);
    const edited = applyScenario(inputs, removePark);
    const straightAfter = runAnalysis(prepareCoverage(inputs), edited, request).rows;
    const rows = runNetworkScenario(prepared, inputs, request, removePark, straightAfter, source);
    // P1 was the only park: with it gone no land is within 500 m of one, by either distance.
    expect(Math.abs(share('A').network.share! - 0.45)).toBeLessThan(CLOSE);
    expect(rows[0]!.figures.parks!.share).toBe(0);
    expect(straightAfter[0]!.figures.parks!.share).toBe(0);
    expect(rows.at(-1)!.figures.parks!.share).toBe(0);
  });
});

describe('no data is not a network gap', () => {
  // Parks known only west of x = 700: block 1 east of it and all of B are unknown.
  const known: CoverageInputs = {
    ...inputs,
    knownExtents: { parks: { boxes: [[...at(-100, -100), ...at(700, 300)]], units: [] } },
  };
  const { network, share } = measure(known);

  it('maps gaps only inside the known extent', () => {
    // Block 1 west of 700 m, not served: 70,000 − 45,000 m².
    expect(Math.abs(turf.area(network.gaps!) - 25_000)).toBeLessThan(1_000);
    const unknownLand = turf.bboxPolygon([...at(710, -100), ...at(2600, 300)]);
    expect(turf.booleanIntersects(network.gaps!.features[0]!, unknownLand)).toBe(false);
  });

  it('gives a unit without known land no network figure, and a partly known one a bound', () => {
    expect(share('B').straight.noData).toBe(true);
    expect(share('B').network.noData).toBe(true);
    expect(share('B').network.share).toBeNull();
    expect(share('A').network.lowerBound).toBe(true);
    expect(Math.abs(share('A').network.share! - 0.45)).toBeLessThan(CLOSE);
  });
});
