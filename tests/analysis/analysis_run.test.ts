import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { type AnalysisRequest, runAnalysis } from '../../src/analysis/analysis_run';
import {
  type CoverageInputs,
  DEFAULT_COVERAGE_PARAMETERS,
  prepareCoverage,
} from '../../src/analysis/coverage_report';
import { colourByProximity } from '../../src/analysis/colour_catchments';
import { distanceHistogram } from '../../src/analysis/distance_histogram';
import { collection, createPoint, createRectangle, offset, twoUnits } from './fixtures';

const units = twoUnits();
const near = createRectangle(-400, -100, -200, 100, { id: 'near', subdistrict: '回龙观街道' });
const far = createRectangle(2000, -100, 2200, 100, { id: 'far', subdistrict: '霍营街道' });
const park = createRectangle(-300, 200, -100, 400, { counts_as_park: true, area_m2: 40_000 });

const inputs: CoverageInputs = {
  subdistricts: units,
  residential: collection([near, far]),
  parks: collection([park]),
  schools: collection([
    createPoint(-300, 0, { id: 'k1', name: '甲幼儿园', serves_levels: ['kindergarten'] }),
    createPoint(2100, 0, { id: 'k2', name: '乙幼儿园', serves_levels: ['kindergarten'] }),
  ]),
  carParks: collection([createPoint(-300, 0)]),
  knownExtents: { 'car-parks': { boxes: [], units: ['回龙观街道', '霍营街道'] } },
};
const request = (change: Partial<AnalysisRequest>): AnalysisRequest => ({
  tab: 'parks',
  parameters: DEFAULT_COVERAGE_PARAMETERS,
  schoolLevel: 'kindergarten',
  schoolView: 'coverage',
  ...change,
});

describe('runAnalysis', () => {
  const prepared = prepareCoverage(inputs, 1);

  it('parks: the table and the served and gap polygons add up to the residential land', () => {
    const progress: number[] = [];
    const result = runAnalysis(prepared, inputs, request({}), (done) => progress.push(done));
    const whole = result.rows.at(-1)!;
    expect(whole.name).toBe('回天地区');
    expect(whole.figures.parks!.share).toBeCloseTo(0.5, 2); // near is served, far is not
    const area = (fc: typeof result.geometry.gaps | null) =>
      fc!.features.reduce((sum, f) => sum + turf.area(f), 0);
    expect(area(result.geometry.served) / whole.figures.parks!.coveredM2!).toBeCloseTo(1, 2);
    expect(area(result.geometry.gaps) / turf.area(far)).toBeCloseTo(1, 2);
    expect(progress.at(-1)).toBe(2);
  });

  it('schools: catchments give every block its nearest school with colours', () => {
    const result = runAnalysis(
      prepared,
      inputs,
      request({ tab: 'schools', schoolView: 'catchments' }),
    );
    const blocks = result.geometry.catchments!.features.map((f) => f.properties);
    expect(blocks.map((b) => [b!.id, b!.school_id])).toEqual([
      ['near', 'k1'],
      ['far', 'k2'],
    ]);
    expect(blocks[0]!.colour).not.toBe(blocks[1]!.colour);
    expect(result.catchments!.map((c) => c.blocks)).toEqual([1, 1]);
    expect(result.rows.at(-1)!.figures.kindergarten!.share).toBeCloseTo(1, 3); // each block has one
  });

  it('parking: histogram and the blocks beyond the radius', () => {
    const result = runAnalysis(prepared, inputs, request({ tab: 'parking' }));
    expect(result.parking!.figures.at(-1)!.units_measured).toEqual(['回龙观街道', '霍营街道']);
    expect(result.parking!.histogram![0]!.share).toBeCloseTo(0.5, 3);
    expect(result.parking!.histogram!.at(-1)!.share).toBeCloseTo(0.5, 3);
    expect(result.geometry.gaps.features.map((f) => f.properties!.id)).toEqual(['far']);
  });

  it('parking without data: nulls, no histogram, nothing drawn', () => {
    const none = { ...inputs, carParks: null };
    const result = runAnalysis(prepared, none, request({ tab: 'parking' }));
    expect(result.rows.every((r) => r.figures.parking!.share === null)).toBe(true);
    expect(result.parking!.histogram).toBeNull();
    expect(result.geometry.gaps.features).toEqual([]);
  });
});

describe('greenways', () => {
  it('count with their own radius only when asked, as the city check-up does', () => {
    const greenway = {
      type: 'Feature' as const,
      geometry: {
        type: 'LineString' as const,
        coordinates: [offset(1500, -3000), offset(1500, 3000)],
      },
      properties: { id: 'g', name: '绿道', kind: 'greenway' },
    };
    const withGreenway = { ...inputs, greenways: collection([greenway]) };
    const prepared = prepareCoverage(withGreenway, 1);
    const share = (includeGreenways: boolean) =>
      runAnalysis(
        prepared,
        withGreenway,
        request({
          parameters: { ...DEFAULT_COVERAGE_PARAMETERS, includeGreenways },
        }),
      ).rows.at(-1)!.figures.parks!.share!;
    // The far block (x 2000–2200 m) is 500–700 m from the greenway at x = 1500 m.
    expect(share(false)).toBeCloseTo(0.5, 2);
    expect(share(true)).toBeCloseTo(1, 2);
  });
});

describe('helpers', () => {
  it('bins distances by area, the last bin open', () => {
    const bins = distanceHistogram([
      { areaM2: 1, distanceM: 50 },
      { areaM2: 3, distanceM: 5000 },
    ]);
    expect(bins[0]!.share).toBe(0.25);
    expect(bins.at(-1)!.toM).toBeNull();
    expect(bins.at(-1)!.share).toBe(0.75);
  });

  it('gives near neighbours different colours', () => {
    const colours = colourByProximity(
      [
        [0, 0],
        [10, 0],
        [20, 0],
        [1000, 0],
      ],
      8,
      2,
    );
    expect(new Set(colours.slice(0, 3)).size).toBe(3);
  });
});
