import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Point, Polygon } from 'geojson';
import type { AnalysisRequest } from '../../src/analysis/analysis_run';
import {
  type CoverageInputs,
  DEFAULT_COVERAGE_PARAMETERS,
  WHOLE_AREA_NAME,
  prepareCoverage,
  schoolReaches,
} from '../../src/analysis/coverage_report';
import {
  type CoverageChange,
  type IdentifiedReach,
  baselineCoverage,
  createBaseline,
  updateCoverage,
} from '../../src/analysis/rows/incremental_coverage';
import { measureCoverage, reachRows } from '../../src/analysis/rows/row_coverage';
import type { Scenario, ScenarioEdit } from '../../src/analysis/scenario';
import { applyScenario } from '../../src/analysis/scenario';
import {
  createScenarioCache,
  facilityChange,
  parkReaches,
  runScenario,
} from '../../src/analysis/scenario_run';
import { type LayerId, layerFileName } from '../../src/data/layers';
import { asLayer } from '../../src/data/load';

const RUNS = 30;
const WARM_UP = 10;

/** A 1.0 ha park over residential land in 天通苑北街道, 1.4 km from the nearest park's reach. */
const GAP_PARK: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [116.4181, 40.075],
      [116.41928, 40.075],
      [116.41928, 40.0759],
      [116.4181, 40.0759],
      [116.4181, 40.075],
    ],
  ],
};
const GAP_SCHOOL: Point = { type: 'Point', coordinates: [116.41869, 40.07545] };
/** The largest park of 天通苑南街道 (1.5 km²): a removal that touches many rows. */
const REMOVED_PARK = 'park-osm-38';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

function time(run: () => unknown): number {
  for (let i = 0; i < WARM_UP; i++) run();
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    runs.push(performance.now() - start);
  }
  return median(runs);
}

const scenarioOf = (edit: ScenarioEdit): Scenario => ({
  id: 'bench',
  name: 'bench',
  edits: [edit],
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
});

/**
 * Scenario edits on the real data: the incremental update (updateCoverage against a baseline
 * built once; and runScenario end to end with a warm cache, polygons of the change included)
 * against the full recomputation (reachRows + measureCoverage over all facilities with the
 * edit), median of 30 runs after 10 to warm up. One line per edit.
 */
export function benchScenario(dataDir: string): string[] {
  const load = (layer: LayerId) =>
    asLayer(layer, JSON.parse(readFileSync(join(dataDir, layerFileName(layer)), 'utf8')));
  const inputs: CoverageInputs = {
    subdistricts: load('subdistricts'),
    residential: load('residential'),
    parks: load('parks'),
    schools: load('schools'),
    carParks: null,
    knownExtents: {},
  };
  const p = DEFAULT_COVERAGE_PARAMETERS;
  const prepared = prepareCoverage(inputs);
  const area = prepared.area;
  const request = (tab: AnalysisRequest['tab']): AnalysisRequest => ({
    tab,
    parameters: p,
    schoolLevel: 'primary',
    schoolView: 'coverage',
  });
  const pct = (share: number | null | undefined) => `${((share ?? 0) * 100).toFixed(1)}%`;
  const lines: string[] = [];

  const measureEdit = (
    label: string,
    indicator: 'parks' | 'primary',
    reaches: (i: CoverageInputs) => IdentifiedReach[],
    edit: ScenarioEdit,
    unitName: string,
  ) => {
    const before = reaches(inputs);
    const after = reaches(applyScenario(inputs, scenarioOf(edit)));
    const change: CoverageChange = facilityChange(before, after);
    const baselineStart = performance.now();
    const baseline = createBaseline(area, before, WHOLE_AREA_NAME);
    const baselineMs = performance.now() - baselineStart;
    const update = updateCoverage(baseline, change);
    const incrementalMs = time(() => updateCoverage(baseline, change));
    const cache = createScenarioCache();
    const tab = indicator === 'parks' ? 'parks' : 'schools';
    const endToEndMs = time(() =>
      runScenario(prepared, inputs, request(tab), scenarioOf(edit), cache),
    );
    const fullMs = time(() => measureCoverage(area, reachRows(area, after)));
    const unit = update.coverage.findIndex((c) => c.name === unitName);
    const share = (c: typeof update.coverage) => pct(c[unit]?.share);
    const full = measureCoverage(area, reachRows(area, after))[unit]!;
    if (Math.abs(full.share! - update.coverage[unit]!.share!) > 1e-9) {
      throw new Error(`${label}: incremental and full recomputation disagree`);
    }
    const baselineShare = share(baselineCoverage(baseline));
    lines.push(
      `scenario, real data, ${label}: ${unitName} ${baselineShare} → ${share(update.coverage)}, ${update.affectedRows} rows redone — incremental ${incrementalMs.toFixed(2)} ms (runScenario ${endToEndMs.toFixed(2)} ms; baseline once ${baselineMs.toFixed(1)} ms), full ${fullMs.toFixed(1)} ms — ratio ${(fullMs / incrementalMs).toFixed(0)}×`,
    );
  };

  const parks = (i: CoverageInputs) => parkReaches(i, p);
  measureEdit(
    `add a 1.0 ha park (${parks(inputs).length} park facilities)`,
    'parks',
    parks,
    { id: 'bench-park', type: 'add-park', name: '', geometry: GAP_PARK },
    '天通苑北街道',
  );
  const removed = inputs.parks.features.find((f) => f.properties.id === REMOVED_PARK);
  if (removed) {
    measureEdit(
      `remove ${String(removed.properties.name)}`,
      'parks',
      parks,
      { id: 'bench-remove', type: 'remove', layer: 'parks', featureId: REMOVED_PARK, name: '' },
      '天通苑南街道',
    );
  }
  const primary = (i: CoverageInputs) => schoolReaches(i.schools, 'primary', p);
  measureEdit(
    `add a primary school (${primary(inputs).length} primary schools)`,
    'primary',
    primary,
    { id: 'bench-school', type: 'add-school', name: '', level: 'primary', geometry: GAP_SCHOOL },
    '天通苑北街道',
  );
  return lines;
}
