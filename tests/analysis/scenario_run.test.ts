import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import {
  type AnalysisRequest,
  type AnalysisRow,
  runAnalysis,
} from '../../src/analysis/analysis_run';
import {
  type CoverageInputs,
  DEFAULT_COVERAGE_PARAMETERS,
  prepareCoverage,
} from '../../src/analysis/coverage_report';
import { type Scenario, type ScenarioEdit, applyScenario } from '../../src/analysis/scenario';
import { createScenarioCache, runScenario } from '../../src/analysis/scenario_run';
import { collection, createPoint, createRectangle, twoUnits } from './fixtures';

const units = twoUnits();
const near = createRectangle(-400, -100, -200, 100, { id: 'near', subdistrict: '回龙观街道' });
const far = createRectangle(2000, -100, 2200, 100, { id: 'far', subdistrict: '霍营街道' });
const inputs: CoverageInputs = {
  subdistricts: units,
  residential: collection([near, far]),
  parks: collection([
    createRectangle(-300, 200, -100, 400, { id: 'p1', counts_as_park: true, area_m2: 40_000 }),
  ]),
  schools: collection([
    createPoint(-300, 0, { id: 'k1', serves_levels: ['kindergarten'] }),
    createPoint(-250, 0, { id: 'pm', serves_levels: ['primary', 'middle'] }),
  ]),
  carParks: collection([createPoint(-300, 0, { id: 'c1' })]),
  knownExtents: { 'car-parks': { boxes: [], units: ['回龙观街道', '霍营街道'] } },
};
const request = (change: Partial<AnalysisRequest> = {}): AnalysisRequest => ({
  tab: 'parks',
  parameters: DEFAULT_COVERAGE_PARAMETERS,
  schoolLevel: 'kindergarten',
  schoolView: 'coverage',
  ...change,
});
const scenario = (...edits: ScenarioEdit[]): Scenario => ({
  id: 's',
  name: '测试',
  edits,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
});
const parkOverFar: ScenarioEdit = {
  id: 'new-park',
  type: 'add-park',
  name: '新公园',
  geometry: createRectangle(2000, 200, 2100, 300).geometry, // 1 ha: 300 m radius
};
const removePark: ScenarioEdit = {
  id: 'r1',
  type: 'remove',
  layer: 'parks',
  featureId: 'p1',
  name: '',
};

const prepared = prepareCoverage(inputs, 1);
const unit = (rows: AnalysisRow[], name: string) => rows.find((r) => r.name === name)!;
const area = (fc: { features: turf.AllGeoJSON[] }) =>
  fc.features.reduce((s, f) => s + turf.area(f as never), 0);

/** The scenario's rows must equal runAnalysis on the edited inputs. */
function expectSameAsFullRun(rows: AnalysisRow[], edited: CoverageInputs, r: AnalysisRequest) {
  const full = runAnalysis(prepared, edited, r).rows;
  expect(rows.map((row) => row.name)).toEqual(full.map((row) => row.name));
  rows.forEach((row, i) => {
    const expected = full[i]!;
    expect(row.residentialAreaM2).toBeCloseTo(expected.residentialAreaM2, 6);
    expect(Object.keys(row.figures).sort()).toEqual(Object.keys(expected.figures).sort());
    for (const [indicator, figure] of Object.entries(row.figures)) {
      const want = expected.figures[indicator as keyof typeof expected.figures]!;
      if (want.share === null) expect(figure.share).toBeNull();
      else expect(figure.share!).toBeCloseTo(want.share, 9);
      if (want.coveredM2 === null) expect(figure.coveredM2).toBeNull();
      else expect(figure.coveredM2!).toBeCloseTo(want.coveredM2, 4);
      expect(figure.noData).toBe(want.noData);
      expect(figure.lowerBound).toBe(want.lowerBound);
      expect(figure.unknownM2).toBeCloseTo(want.unknownM2, 3);
      expect(figure.measuredUnits).toEqual(want.measuredUnits);
    }
  });
}

describe('runScenario', () => {
  it('parks: a park over the gap raises its unit and draws the newly served land', () => {
    const cache = createScenarioCache();
    const before = runAnalysis(prepared, inputs, request()).rows;
    const result = runScenario(prepared, inputs, request(), scenario(parkOverFar), cache);
    expect(unit(before, '霍营街道').figures.parks!.share).toBeCloseTo(0, 6);
    expect(unit(result.rows, '霍营街道').figures.parks!.share).toBeCloseTo(1, 2);
    expect(unit(result.rows, '回龙观街道').figures.parks!.share).toBeCloseTo(1, 2);
    expect(result.newlyServed.features).toHaveLength(1);
    expect(area(result.newlyServed) / turf.area(far)).toBeCloseTo(1, 2);
    expect(result.lostService.features).toEqual([]);
    expect(result.editsApplied).toBe(1);
    expectSameAsFullRun(result.rows, applyScenario(inputs, scenario(parkOverFar)), request());
  });

  it('parks: removing the only park lowers its unit and draws the lost land', () => {
    const cache = createScenarioCache();
    const result = runScenario(prepared, inputs, request(), scenario(removePark), cache);
    expect(unit(result.rows, '回龙观街道').figures.parks!.share).toBe(0);
    expect(result.rows.at(-1)!.figures.parks!.share).toBe(0);
    expect(result.newlyServed.features).toEqual([]);
    expect(area(result.lostService) / turf.area(near)).toBeCloseTo(1, 2);
    expectSameAsFullRun(result.rows, applyScenario(inputs, scenario(removePark)), request());
  });

  it('parks: greenways count when the parameters say, and a removal can drop one', () => {
    const withGreenway = {
      ...inputs,
      greenways: collection([createRectangle(2300, -600, 2320, 600, { id: 'g1' })]),
    };
    const parameters = { ...DEFAULT_COVERAGE_PARAMETERS, includeGreenways: true };
    const edits = scenario({ id: 'r', type: 'remove', layer: 'parks', featureId: 'g1', name: '' });
    const cache = createScenarioCache();
    const kept = runScenario(prepared, withGreenway, request({ parameters }), scenario(), cache);
    expect(unit(kept.rows, '霍营街道').figures.parks!.share).toBeCloseTo(1, 2);
    const result = runScenario(prepared, withGreenway, request({ parameters }), edits, cache);
    expect(unit(result.rows, '霍营街道').figures.parks!.share).toBe(0);
    expect(area(result.lostService) / turf.area(far)).toBeCloseTo(1, 2);
    expectSameAsFullRun(result.rows, applyScenario(withGreenway, edits), request({ parameters }));
    expect(cache.builds).toBe(1);
  });

  it('keeps one baseline across consecutive edits, and a new one for new inputs', () => {
    const cache = createScenarioCache();
    runScenario(prepared, inputs, request(), scenario(parkOverFar), cache);
    runScenario(prepared, inputs, request(), scenario(parkOverFar, removePark), cache);
    runScenario(prepared, inputs, request(), scenario(removePark), cache);
    expect({ builds: cache.builds, hits: cache.hits }).toEqual({ builds: 1, hits: 2 });
    const reloaded = { ...inputs, parks: collection([...inputs.parks.features]) };
    runScenario(prepared, reloaded, request(), scenario(removePark), cache);
    expect(cache.builds).toBe(2);
    const larger = { ...DEFAULT_COVERAGE_PARAMETERS, largeRadiusMeters: 800 };
    runScenario(prepared, inputs, request({ parameters: larger }), scenario(), cache);
    expect(cache.builds).toBe(3);
  });

  it('schools: an added school counts for its level, a removal for every level it serves', () => {
    const cache = createScenarioCache();
    const edits = scenario(
      {
        id: 'k2',
        type: 'add-school',
        name: '新幼儿园',
        level: 'kindergarten',
        geometry: createPoint(2100, 0).geometry,
      },
      { id: 'r', type: 'remove', layer: 'schools', featureId: 'pm', name: '' },
    );
    for (const schoolLevel of ['kindergarten', 'primary'] as const) {
      const r = request({ tab: 'schools', schoolLevel });
      const result = runScenario(prepared, inputs, r, edits, cache);
      const whole = result.rows.at(-1)!.figures;
      expect(whole.kindergarten!.share).toBeCloseTo(1, 2);
      expect(whole.primary!.share).toBe(0);
      expect(whole.middle!.share).toBe(0);
      expectSameAsFullRun(result.rows, applyScenario(inputs, edits), r);
      if (schoolLevel === 'kindergarten') {
        expect(area(result.newlyServed) / turf.area(far)).toBeCloseTo(1, 2);
        expect(result.lostService.features).toEqual([]);
      } else {
        expect(result.newlyServed.features).toEqual([]);
        expect(area(result.lostService) / turf.area(near)).toBeCloseTo(1, 2);
      }
    }
    expect(cache.builds).toBe(3); // one per level, reused by the second request
  });

  it('parking: coverage and distances after adding a car park', () => {
    const cache = createScenarioCache();
    const edits = scenario({
      id: 'c2',
      type: 'add-car-park',
      name: '新停车场',
      spaces: 80,
      geometry: createPoint(2100, 0).geometry,
    });
    const r = request({ tab: 'parking' });
    const result = runScenario(prepared, inputs, r, edits, cache);
    expect(result.rows.at(-1)!.figures.parking!.share).toBeCloseTo(1, 2);
    expect(result.parking!.at(-1)!.max_distance_m).toBeLessThan(1); // block centres at car parks
    expect(area(result.newlyServed) / turf.area(far)).toBeCloseTo(1, 2);
    const edited = applyScenario(inputs, edits);
    expectSameAsFullRun(result.rows, edited, r);
    expect(result.parking).toEqual(runAnalysis(prepared, edited, r).parking!.figures);
  });

  it('parking: a unit without data gets a figure only for the land a planned car park serves', () => {
    const partial = {
      ...inputs,
      knownExtents: { 'car-parks': { boxes: [], units: ['回龙观街道'] } },
    };
    const edits = scenario(
      {
        id: 'c2',
        type: 'add-car-park',
        name: '',
        spaces: 10,
        geometry: createPoint(2100, 0).geometry,
      },
      { id: 'r', type: 'remove', layer: 'car-parks', featureId: 'c1', name: '' },
    );
    const r = request({ tab: 'parking' });
    const before = runScenario(prepared, partial, r, scenario(), createScenarioCache());
    expect(unit(before.rows, '霍营街道').figures.parking).toMatchObject({ noData: true });
    const result = runScenario(prepared, partial, r, edits, createScenarioCache());
    expect(unit(result.rows, '霍营街道').figures.parking).toMatchObject({ noData: false });
    expect(unit(result.rows, '霍营街道').figures.parking!.share).toBeCloseTo(1, 3);
    expect(unit(result.rows, '回龙观街道').figures.parking!.share).toBe(0);
    expect(area(result.newlyServed) / turf.area(far)).toBeCloseTo(1, 2);
    expect(area(result.lostService) / turf.area(near)).toBeCloseTo(1, 2);
    expectSameAsFullRun(result.rows, applyScenario(partial, edits), r);
  });

  it('parking without car-park data: only land a planned car park serves gets a figure', () => {
    const noData = {
      ...inputs,
      carParks: null,
      knownExtents: { 'car-parks': { boxes: [], units: [] } },
    };
    const edits = scenario({
      id: 'c2',
      type: 'add-car-park',
      name: '',
      spaces: 10,
      geometry: createPoint(2100, 0).geometry,
    });
    const r = request({ tab: 'parking' });
    const result = runScenario(prepared, noData, r, edits, createScenarioCache());
    expect(result.rows).toHaveLength(3);
    expect(unit(result.rows, '回龙观街道').figures.parking).toMatchObject({
      coveredM2: null,
      share: null,
      noData: true,
    });
    expect(unit(result.rows, '霍营街道').figures.parking!.share).toBeCloseTo(1, 3);
    expect(result.rows.at(-1)!.figures.parking!.measuredUnits).toEqual(['霍营街道']);
    expect(result.editsApplied).toBe(1);
    expectSameAsFullRun(result.rows, applyScenario(noData, edits), r);
  });
});
