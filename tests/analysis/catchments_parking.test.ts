import { describe, expect, it } from 'vitest';
import {
  DEFAULT_COVERAGE_PARAMETERS,
  coverageReport,
  prepareCoverage,
} from '../../src/analysis/coverage_report';
import { schoolCatchments } from '../../src/analysis/school_catchments';
import { collection, createPoint, createRectangle, twoUnits } from './fixtures';

const units = twoUnits();

describe('school catchments', () => {
  it('assigns each block to the nearer of two schools, with distances', () => {
    const blocks = collection([
      createRectangle(-1010, -10, -990, 10, { id: 'b-west', subdistrict: '回龙观街道' }),
      createRectangle(290, -10, 310, 10, { id: 'b-east', subdistrict: '霍营街道' }),
      createRectangle(390, -10, 410, 10, { id: 'b-east-2', subdistrict: '霍营街道' }),
      createRectangle(9000, 0, 9020, 20, { id: 'b-outside', subdistrict: null }),
    ]);
    const schools = [
      createPoint(-1500, 0, { id: 's-west', name: '西小学' }),
      createPoint(0, 0, { id: 's-middle', name: '中小学' }),
    ];
    const prepared = prepareCoverage({ subdistricts: units, residential: blocks });
    const result = schoolCatchments(prepared.sites, schools, prepared.area.projection);
    const schoolOf = Object.fromEntries(result.blocks.map((b) => [b.blockId, b.schoolId]));
    // b-west is 500 m from 西小学 and 1000 m from 中小学.
    expect(schoolOf).toEqual({ 'b-west': 's-west', 'b-east': 's-middle', 'b-east-2': 's-middle' });
    const middle = result.schools.find((s) => s.schoolId === 's-middle')!;
    expect(middle.blocks).toBe(2);
    expect(middle.maxDistanceM).toBeCloseTo(400, -1);
    expect(middle.meanDistanceM).toBeCloseTo(350, -1);
    expect(middle.residentialAreaM2).toBeCloseTo(800, -1);
  });
});

describe('parking figures', () => {
  const blocks = collection([
    createRectangle(-400, -100, -200, 100, { subdistrict: '回龙观街道' }),
    createRectangle(200, -100, 400, 100, { subdistrict: '霍营街道' }),
  ]);
  const base = {
    subdistricts: units,
    residential: blocks,
    parks: collection([]),
    schools: collection([]),
  };

  it('gives nulls, never 0%, where there is no car-park data', () => {
    const rows = coverageReport(
      { ...base, carParks: null, knownExtents: {} },
      DEFAULT_COVERAGE_PARAMETERS,
    );
    for (const row of rows) {
      expect(row.parking).toMatchObject({
        covered_m2: null,
        share: null,
        no_data: true,
        mean_distance_m: null,
        max_distance_m: null,
        units_measured: [],
      });
    }
    expect(rows.at(-1)!.parking).toMatchObject({ measured_units: [], residential_area_m2: 0 });
  });

  it('measures only the units with data, and says which ones the whole area covers', () => {
    // The second car park lies in 霍营街道 but reaches none of its residential land.
    const carParks = collection([createPoint(-300, 0), createPoint(2000, 0)]);
    const rows = coverageReport(
      { ...base, carParks, knownExtents: { 'car-parks': { boxes: [], units: ['回龙观街道'] } } },
      DEFAULT_COVERAGE_PARAMETERS,
    );
    const [huilongguan, huoying, whole] = rows;
    expect(huilongguan!.parking.share).toBeCloseTo(1, 3);
    expect(huilongguan!.parking.mean_distance_m).toBeLessThan(0.5);
    expect(huoying!.parking).toMatchObject({ share: null, no_data: true });
    expect(whole!.parking.units_measured).toEqual(['回龙观街道']);
    expect(whole!.parking.covered_m2).toBeCloseTo(huilongguan!.parking.covered_m2!, 6);
  });

  it('reports the distance from block centres to the nearest car park', () => {
    const carParks = collection([createPoint(-300, 500)]);
    const rows = coverageReport(
      {
        ...base,
        carParks,
        knownExtents: { 'car-parks': { boxes: [], units: ['回龙观街道', '霍营街道'] } },
      },
      DEFAULT_COVERAGE_PARAMETERS,
    );
    const whole = rows.at(-1)!;
    expect(whole.parking.units_measured).toEqual(['回龙观街道', '霍营街道']);
    // Centres at (-300, 0) and (300, 0): 500 m and √(600² + 500²) ≈ 781 m away.
    expect(whole.parking.mean_distance_m).toBeCloseTo((500 + 781) / 2, -1);
    expect(whole.parking.max_distance_m).toBeCloseTo(781, -1);
    expect(whole.parking.share).toBe(0);
  });
});
