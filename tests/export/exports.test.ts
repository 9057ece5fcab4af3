import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../src/analysis/analysis_run';
import { ScenarioCache, runScenario } from '../../src/analysis/scenario_run';
import { DEFAULT_COVERAGE_PARAMETERS, prepareCoverage } from '../../src/analysis/coverage_report';
import { createFacilityIndex } from '../../src/analysis/facility_index';
import { inspectPoint } from '../../src/analysis/inspection';
import { sinusoidalProjection } from '../../src/analysis/local_projection';
import { analysisGeoJson, analysisTableCsv } from '../../src/export/analysis_export';
import { csvDocument, parseCsvDocument } from '../../src/export/csv';
import { inspectionCsv } from '../../src/export/inspection_export';
import { ORIGIN, collection, createPoint, createRectangle } from '../analysis/fixtures';

const context = {
  generatedAt: '2026-11-29T00:00:00.000Z',
  sources: {
    osm: { title: 'OSM', origin: '', licence: 'ODbL', attribution: '© OpenStreetMap contributors' },
  },
  sourceKeys: ['osm'],
};

describe('CSV documents', () => {
  it('round-trips quotes, commas, # and Chinese, with metadata above the header', () => {
    const text = csvDocument(['参数 a=1'], ['name', 'note'], [['回龙观街道', 'say "hi", #1']]);
    expect(text.startsWith('\uFEFF"# 参数 a=1"\nname,note\n')).toBe(true);
    expect(parseCsvDocument(text)).toEqual({
      metadata: ['参数 a=1'],
      header: ['name', 'note'],
      rows: [['回龙观街道', 'say "hi", #1']],
    });
  });
});

describe('analysis exports', () => {
  const inputs = {
    subdistricts: collection([createRectangle(-5000, -5000, 5000, 5000, { name: '回龙观街道' })]),
    residential: collection([
      createRectangle(-400, -100, -200, 100, { source: 'osm', subdistrict: '回龙观街道' }),
      createRectangle(2000, -100, 2200, 100, { source: 'osm', subdistrict: '回龙观街道' }),
    ]),
    parks: collection([
      createRectangle(-300, 200, -100, 400, { counts_as_park: true, area_m2: 40_000 }),
    ]),
    schools: collection([]),
    carParks: null,
    knownExtents: {},
  };
  const result = runAnalysis(prepareCoverage(inputs, 1), inputs, {
    tab: 'parks',
    parameters: DEFAULT_COVERAGE_PARAMETERS,
    schoolLevel: 'primary',
    schoolView: 'coverage',
  });

  it('writes the table as CSV that matches the result, naming parameters and sources', () => {
    const { metadata, header, rows } = parseCsvDocument(analysisTableCsv(result, {}, context));
    expect(header).toEqual([
      'name',
      'residential_area_m2',
      'parks_covered_m2',
      'parks_share',
      'parks_data',
      'parks_residential_area_m2',
      'parks_unknown_m2',
      'parks_lower_bound',
      'parks_no_data',
      'parks_measured_units',
    ]);
    expect(rows.map((r) => r[0])).toEqual(['回龙观街道', '回天地区']);
    expect(Number(rows[1]![3])).toBeCloseTo(result.rows[1]!.figures.parks!.share!, 4);
    expect(rows[1]![4]).toBe('none'); // no completeness table given: not vouched for
    expect(metadata.join('\n')).toContain('"largeRadiusMeters":500');
    expect(metadata.join('\n')).toContain('© OpenStreetMap contributors');
  });

  it('adds each scenario’s share and change after the data’s own columns', () => {
    const prepared = prepareCoverage(inputs, 1);
    const scenario = {
      id: 's1',
      name: '东侧加一处公园',
      createdAt: '2026-11-29T00:00:00.000Z',
      updatedAt: '2026-11-29T00:00:00.000Z',
      edits: [
        {
          id: 'e1',
          type: 'add-park' as const,
          name: '规划公园 1',
          geometry: createRectangle(1900, 200, 2100, 400).geometry as Polygon,
        },
      ],
    };
    const outcome = runScenario(prepared, inputs, result.request, scenario, new ScenarioCache());
    const withScenario = {
      ...result,
      scenarios: [{ scenarioId: 's1', scenarioName: scenario.name, ...outcome }],
    };
    const { metadata, header, rows } = parseCsvDocument(
      analysisTableCsv(withScenario, {}, context),
    );
    expect(header.slice(-2)).toEqual(['scenario1_parks_share', 'scenario1_parks_change']);
    expect(metadata.join('\n')).toContain('东侧加一处公园');
    const whole = rows[1]!;
    const before = Number(whole[3]);
    const after = Number(whole.at(-2));
    expect(after).toBeGreaterThan(before);
    expect(Number(whole.at(-1))).toBeCloseTo(after - before, 4);
    const layers = JSON.parse(analysisGeoJson(withScenario, context)).features.map(
      (f: { properties: { layer: string } }) => f.properties.layer,
    );
    expect(layers).toContain('scenario-newly-served');
  });

  it('writes what the map draws as GeoJSON, each feature saying what it is', () => {
    const parsed = JSON.parse(analysisGeoJson(result, context));
    expect(
      parsed.features.map((f: { properties: { layer: string } }) => f.properties.layer),
    ).toEqual(['served', 'gap', 'no-data']);
    expect(parsed.metadata.request.parameters.largeRadiusMeters).toBe(500);
  });
});

describe('inspection export', () => {
  it('lists the facilities inside and the nearest outside, with distances', () => {
    const index = createFacilityIndex(
      {
        healthcare: collection([createPoint(0, 300, { name: '诊所', id: 'h1' })]),
        parks: collection([
          createRectangle(2000, 0, 2100, 100, { name: '远公园', counts_as_park: true }),
        ]),
      },
      sinusoidalProjection(ORIGIN.geometry.coordinates[0]!),
    );
    const inspection = inspectPoint(index, ORIGIN.geometry.coordinates as [number, number], 500);
    const { header, rows } = parseCsvDocument(inspectionCsv(inspection, 80, context));
    expect(header).toEqual(['group', 'where', 'name', 'id', 'layer', 'distance_m', 'walking_min']);
    expect(rows).toContainEqual(['health', 'inside', '诊所', 'h1', 'healthcare', '300', '4']);
    expect(rows.find((r) => r[2] === '远公园')![1]).toBe('nearest-outside');
  });
});
