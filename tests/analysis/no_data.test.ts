/**
 * "No data" as its own state: land no known facility serves is a gap only inside the extent
 * where the facility data is complete, unknown elsewhere; a unit without known land has no
 * figure and stays out of the whole area; every output's whole-area share is its covered
 * area over its residential area.
 */
import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { type AnalysisRequest, runAnalysis } from '../../src/analysis/analysis_run';
import {
  type CoverageInputs,
  DEFAULT_COVERAGE_PARAMETERS,
  coverageReport,
  prepareCoverage,
} from '../../src/analysis/coverage_report';
import { lifeCircleChecks } from '../../src/analysis/life_circle';
import type { FacilityGroup, FacilityHit } from '../../src/analysis/facility_index';
import { type Scenario, applyScenario } from '../../src/analysis/scenario';
import { createScenarioCache, runScenario } from '../../src/analysis/scenario_run';
import { analysisTableCsv } from '../../src/export/analysis_export';
import { parseCsvDocument } from '../../src/export/csv';
import { formatCsv, formatJson, formatMarkdown } from '../../scripts/report/format';
import { collection, createRectangle, offset, twoUnits } from './fixtures';

// 回龙观街道 (west): a block a park serves, one unserved inside the park data's box (a gap)
// and one unserved outside it (unknown). 霍营街道 (east): one block, no park data at all.
const served = createRectangle(-400, -100, -200, 100, { id: 'served' });
const gap = createRectangle(-4000, -100, -3800, 100, { id: 'gap' });
const unknown = createRectangle(-1500, -100, -1300, 100, { id: 'unknown' });
const east = createRectangle(2000, -100, 2200, 100, { id: 'east' });
const park = createRectangle(-300, 200, -100, 400, {
  id: 'p1',
  counts_as_park: true,
  area_m2: 40_000,
});
const BLOCK_M2 = 200 * 200;

// The park data covers the west of 回龙观街道: x from −5 km to −2 km.
const [boxWest, boxSouth] = offset(-5000, -5000);
const [boxEast, boxNorth] = offset(-2000, 5000);
const parkBox = [boxWest, boxSouth, boxEast, boxNorth];

const inputs: CoverageInputs = {
  subdistricts: twoUnits(),
  residential: collection([served, gap, unknown, east]),
  parks: collection([park]),
  schools: collection([]),
  carParks: null,
  knownExtents: { parks: { boxes: [parkBox], units: [] } },
};
const request: AnalysisRequest = {
  tab: 'parks',
  parameters: DEFAULT_COVERAGE_PARAMETERS,
  schoolLevel: 'primary',
  schoolView: 'coverage',
};
const prepared = prepareCoverage(inputs, 1);
const close = (a: number, b: number, relative = 0.01) =>
  expect(Math.abs(a - b) / Math.max(b, 1)).toBeLessThan(relative);

describe('no data as its own state', () => {
  it('a partial unit is a lower bound; a unit without data has none and stays out of the whole', () => {
    const rows = runAnalysis(prepared, inputs, request).rows;
    const [west, eastUnit, whole] = rows;
    const parks = west!.figures.parks!;
    expect(parks.noData).toBe(false);
    expect(parks.lowerBound).toBe(true);
    close(parks.coveredM2!, BLOCK_M2);
    close(parks.unknownM2, BLOCK_M2);
    expect(parks.share).toBeCloseTo(1 / 3, 2);

    expect(eastUnit!.figures.parks).toMatchObject({ noData: true, share: null, coveredM2: null });

    const w = whole!.figures.parks!;
    expect(w.measuredUnits).toEqual(['回龙观街道']);
    close(w.residentialAreaM2!, 3 * BLOCK_M2);
    expect(w.coveredM2! / w.residentialAreaM2!).toBeCloseTo(w.share!, 12);
    expect(w.share).toBeCloseTo(1 / 3, 2);
    expect(w.lowerBound).toBe(true);
    // The row itself still holds all the residential land of the area.
    close(whole!.residentialAreaM2, 4 * BLOCK_M2);
  });

  it('draws gaps only inside the known extent and the rest of the unserved land as unknown', () => {
    const { geometry } = runAnalysis(prepared, inputs, request);
    const area = (fc: { features: turf.AllGeoJSON[] } | null) =>
      fc!.features.reduce((s, f) => s + turf.area(f as never), 0);
    close(area(geometry.gaps), BLOCK_M2);
    close(area(geometry.unknown), 2 * BLOCK_M2);
    const gapCentre = turf.centroid(geometry.gaps.features[0]!).geometry.coordinates[0]!;
    expect(gapCentre).toBeLessThan(boxEast);
  });

  it('every unit is known without a recorded extent, as before', () => {
    const rows = runAnalysis(prepared, { ...inputs, knownExtents: {} }, request).rows;
    for (const row of rows)
      expect(row.figures.parks).toMatchObject({ noData: false, lowerBound: false });
    expect(rows.at(-1)!.figures.parks!.measuredUnits).toEqual(['回龙观街道', '霍营街道']);
  });

  it('a scenario keeps the data’s extent: a planned park serves unknown land, the rest stays unknown', () => {
    const scenario: Scenario = {
      id: 's',
      name: '试',
      createdAt: '2025-01-01T00:00:00Z',
      updatedAt: '2025-01-01T00:00:00Z',
      edits: [
        {
          id: 'e',
          type: 'add-park',
          name: '',
          geometry: createRectangle(-1450, 200, -1350, 300).geometry,
        },
      ],
    };
    const result = runScenario(prepared, inputs, request, scenario, createScenarioCache());
    const full = runAnalysis(prepared, applyScenario(inputs, scenario), request).rows;
    result.rows.forEach((row, i) => {
      const a = row.figures.parks!;
      const b = full[i]!.figures.parks!;
      expect(a.noData).toBe(b.noData);
      expect(a.lowerBound).toBe(b.lowerBound);
      expect(a.unknownM2).toBeCloseTo(b.unknownM2, 3);
      expect(a.share ?? -1).toBeCloseTo(b.share ?? -1, 9);
    });
    expect(result.rows[0]!.figures.parks!.unknownM2).toBeLessThan(0.01 * BLOCK_M2);
    expect(result.rows[1]!.figures.parks!.noData).toBe(true);
  });

  it('report JSON, CSV and Markdown: the whole area’s share is its covered over its residential land', () => {
    const rows = coverageReport(inputs, DEFAULT_COVERAGE_PARAMETERS, prepared);
    const json = JSON.parse(formatJson(rows, DEFAULT_COVERAGE_PARAMETERS, null)) as {
      rows: Record<string, unknown>[];
    };
    for (const row of json.rows) {
      for (const k of ['parks', 'kindergarten', 'primary', 'middle', 'parking']) {
        const f = row[k] as {
          share: number | null;
          covered_m2: number | null;
          no_data: boolean;
          residential_area_m2?: number;
        };
        expect(Object.keys(f)).toEqual(
          expect.arrayContaining(['no_data', 'lower_bound', 'unknown_m2']),
        );
        if (f.no_data) {
          expect(f.share).toBeNull();
          expect(f.covered_m2).toBeNull();
          continue;
        }
        const residential = f.residential_area_m2 ?? (row.residential_area_m2 as number);
        expect(f.covered_m2! / residential).toBeCloseTo(f.share!, 9);
      }
    }
    const whole = json.rows.at(-1)! as Record<string, Record<string, unknown>>;
    expect(whole.parks!.measured_units).toEqual(['回龙观街道']);
    expect(whole.parking).toMatchObject({ no_data: true, measured_units: [], share: null });
    expect(json.rows[1]!.parks).toMatchObject({ no_data: true, share: null, covered_m2: null });

    const [header, ...lines] = formatCsv(rows).replace('\uFEFF', '').trim().split('\n');
    const columns = header!.split(',');
    const wholeCsv = lines.at(-1)!.split(',');
    const col = (name: string) => Number(wholeCsv[columns.indexOf(name)]);
    expect(col('parks_covered_m2') / col('parks_residential_area_m2')).toBeCloseTo(
      col('parks_share'),
      3,
    );
    expect(wholeCsv[columns.indexOf('parks_measured_units')]).toBe('回龙观街道');
    expect(wholeCsv[columns.indexOf('parks_lower_bound')]).toBe('true');
    const eastCsv = lines[1]!.split(',');
    expect(eastCsv[columns.indexOf('parks_no_data')]).toBe('true');
    expect(eastCsv[columns.indexOf('parks_share')]).toBe('');

    const md = formatMarkdown(rows, DEFAULT_COVERAGE_PARAMETERS, null);
    expect(md).toMatch(/\| 霍营街道 \| 0\.04 \| 无数据 \/ no data \|/);
    expect(md).toMatch(/\| 回龙观街道 \| 0\.12 \| ≥ 33\.\d% \(unknown 33\.\d%\) \|/);
    const parksLine = md.split('\n').find((l) => l.startsWith('| parks |'))!;
    const [, , units, residential, covered, , share] = parksLine.split('|').map((c) => c.trim());
    expect(units).toBe('回龙观街道');
    const shownShare = Number(share!.match(/([\d.]+)%/)![1]) / 100;
    expect(Number(covered) / Number(residential)).toBeCloseTo(shownShare, 1);
  });

  it('the app’s CSV: the whole area’s share is its covered over its residential land', () => {
    const result = runAnalysis(prepared, inputs, request);
    const { header, rows } = parseCsvDocument(
      analysisTableCsv(result, {}, { generatedAt: 'now', sources: {}, sourceKeys: [] }),
    );
    const whole = rows.at(-1)!;
    const col = (name: string) => Number(whole[header.indexOf(name)]);
    expect(col('parks_covered_m2') / col('parks_residential_area_m2')).toBeCloseTo(
      col('parks_share'),
      3,
    );
    expect(whole[header.indexOf('parks_measured_units')]).toBe('回龙观街道');
    expect(rows[1]![header.indexOf('parks_no_data')]).toBe('true');
    expect(rows[1]![header.indexOf('parks_share')]).toBe('');
  });

  it('the life circle says no data, not "not met", where the kind’s data is unknown', () => {
    const far: FacilityHit = { distanceM: 3000 } as FacilityHit;
    const nearest = Object.fromEntries(
      ['kindergarten', 'primary', 'middle', 'park', 'health', 'metro', 'other'].map((g) => [
        g,
        far,
      ]),
    ) as Record<FacilityGroup, FacilityHit | null>;
    const checks = lifeCircleChecks(nearest, (key) => key !== 'park');
    expect(checks.find((c) => c.item.key === 'park')!.met).toBeNull();
    expect(checks.find((c) => c.item.key === 'primary')!.met).toBe(false);
    // A facility within reach meets the item even where the data is unknown.
    const near = { ...nearest, park: { distanceM: 100 } as FacilityHit };
    expect(lifeCircleChecks(near, () => false).find((c) => c.item.key === 'park')!.met).toBe(true);
  });
});
