import { csvDocument } from '../../src/export/csv';
import {
  type CoverageParameters,
  type CoverageRow,
  WHOLE_AREA_NAME,
} from '../../src/analysis/coverage_report';
import type { NetworkFigures } from '../../src/analysis/network/report';
import {
  type CompletenessTable,
  type CoverageIndicator,
  INDICATOR_DATA_LAYER,
  indicatorCompleteness,
} from '../../src/data/completeness';
import { DEFAULT_ROW_SPACING_M } from '../../src/analysis/row_coverage';
import { OUTLINE_TOLERANCE_M } from '../../src/analysis/simplify_outline';

const INDICATORS = ['parks', 'kindergarten', 'primary', 'middle', 'parking'] as const;

/** The walking network a report's network columns come from. */
export interface NetworkSource {
  file: string;
  edges: number;
  length_km: number;
  segments_unreachable: number;
}

/** A row may carry network figures beside the straight-line ones. */
type ReportRow = CoverageRow & { network?: NetworkFigures };

/** A scenario measured beside the data: its rows after the edits, in the same order. */
export interface ScenarioRows {
  name: string;
  edits: number;
  rows: CoverageRow[];
}

const percent = (share: number | null) => (share === null ? 'n/a' : `${(share * 100).toFixed(1)}%`);

/** The units a row stands for: itself, or all units for the whole area. */
function rowUnits(row: CoverageRow, rows: CoverageRow[]): string[] {
  return row.name === WHOLE_AREA_NAME
    ? rows.filter((r) => r.name !== WHOLE_AREA_NAME).map((r) => r.name)
    : [row.name];
}

function rowCompleteness(row: CoverageRow, rows: CoverageRow[], table: CompletenessTable | null) {
  return Object.fromEntries(
    INDICATORS.map((k) => [k, indicatorCompleteness(table, k, rowUnits(row, rows))]),
  ) as Record<CoverageIndicator, string>;
}

export function formatJson(
  rows: ReportRow[],
  parameters: CoverageParameters,
  table: CompletenessTable | null,
  scenario: ScenarioRows | null = null,
  network: NetworkSource | null = null,
): string {
  const withCompleteness = rows.map((row) => ({
    ...row,
    completeness: rowCompleteness(row, rows, table),
  }));
  const extra = {
    ...(scenario ? { scenario } : {}),
    ...(network ? { network_source: network } : {}),
  };
  const method = { row_spacing_m: DEFAULT_ROW_SPACING_M, outline_tolerance_m: OUTLINE_TOLERANCE_M };
  return `${JSON.stringify({ parameters, method, rows: withCompleteness, ...extra }, null, 2)}\n`;
}

/** CSV with a BOM so that Excel opens the Chinese names correctly. */
export function formatCsv(rows: ReportRow[], scenario: ScenarioRows | null = null): string {
  const withNetwork = rows.some((r) => r.network);
  const header = [
    'name',
    'residential_area_m2',
    ...INDICATORS.flatMap((k) => [`${k}_covered_m2`, `${k}_share`]),
    'parking_mean_distance_m',
    'parking_max_distance_m',
    // With a scenario: each share after its edits.
    ...(scenario ? INDICATORS.map((k) => `scenario_${k}_share`) : []),
    // With a network: each share by walking distance along it.
    ...(withNetwork ? INDICATORS.map((k) => `network_${k}_share`) : []),
  ];
  const cell = (v: number | null) => (v === null ? '' : String(Math.round(v * 1e4) / 1e4));
  const lines = rows.map((r, i) => [
    r.name,
    String(Math.round(r.residential_area_m2)),
    ...INDICATORS.flatMap((k) => [cell(r[k].covered_m2), cell(r[k].share)]),
    cell(r.parking.mean_distance_m),
    cell(r.parking.max_distance_m),
    ...(scenario ? INDICATORS.map((k) => cell(scenario.rows[i]![k].share)) : []),
    ...(withNetwork ? INDICATORS.map((k) => cell(r.network?.[k].share ?? null)) : []),
  ]);
  return csvDocument([], header, lines);
}

export function formatMarkdown(
  rows: ReportRow[],
  p: CoverageParameters,
  table: CompletenessTable | null,
  scenario: ScenarioRows | null = null,
  network: NetworkSource | null = null,
): string {
  const flagged = (row: CoverageRow, k: CoverageIndicator) =>
    row[k].share !== null && indicatorCompleteness(table, k, rowUnits(row, rows)) !== 'covered';
  const notes = INDICATORS.flatMap((k) => {
    const entry = table?.[INDICATOR_DATA_LAYER[k]];
    return entry ? [`- ${k}: ${entry.note}`] : [];
  });
  const whole = rows.find((r) => r.name === WHOLE_AREA_NAME);
  const lines = [
    `Residential land within the service radius (parks ≥ ${p.largeParkMinAreaM2} m²: ${p.largeRadiusMeters} m, ≥ ${p.smallParkMinAreaM2} m²: ${p.smallRadiusMeters} m${p.includeForest ? ', forest included' : ''}${p.includeGreenways ? `, greenways ${p.greenwayRadiusMeters} m` : ''}; kindergarten ${p.kindergartenRadiusMeters} m, primary ${p.primaryRadiusMeters} m, middle ${p.middleRadiusMeters} m${p.includeUnverifiedSchools ? ', unverified schools included' : ''}; parking ${p.parkingRadiusMeters} m)`,
    '',
    '| unit | residential km² | parks | kindergarten | primary | middle | parking |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${(r.residential_area_m2 / 1e6).toFixed(2)} | ${INDICATORS.map((k) => `${percent(r[k].share)}${flagged(r, k) ? ' *' : ''}`).join(' | ')} |`,
    ),
    '',
    '\\* from incomplete facility data for that unit.',
    `Measured on rows ${DEFAULT_ROW_SPACING_M} m apart; facility outlines simplified within ${OUTLINE_TOLERANCE_M} m.`,
    whole && whole.parking.units_measured.length > 0
      ? `parking (whole area) covers only: ${whole.parking.units_measured.join(', ')}`
      : 'parking: n/a — no car-park data for any unit.',
    '',
    'Data notes:',
    ...notes,
    ...(scenario ? ['', ...scenarioMarkdown(rows, scenario)] : []),
    ...(network ? ['', ...networkMarkdown(rows, network)] : []),
  ];
  return `${lines.join('\n')}\n`;
}

/** The scenario's table: each share now → after its edits (change in percentage points). */
function scenarioMarkdown(rows: CoverageRow[], scenario: ScenarioRows): string[] {
  const change = (before: number | null, after: number | null) => {
    if (before === null || after === null) return '';
    const points = (after - before) * 100;
    return ` (${points >= 0 ? '+' : '−'}${Math.abs(points).toFixed(1)})`;
  };
  return [
    `Scenario "${scenario.name.replace(/\|/g, '\\|')}" (${scenario.edits} edits): now → scenario (change, percentage points)`,
    '',
    '| unit | parks | kindergarten | primary | middle | parking |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map((r, i) => {
      const after = scenario.rows[i]!;
      const cells = INDICATORS.map(
        (k) =>
          `${percent(r[k].share)} → ${percent(after[k].share)}${change(r[k].share, after[k].share)}`,
      );
      return `| ${r.name} | ${cells.join(' | ')} |`;
    }),
  ];
}

/** The network table: each share in a straight line beside the share along the network. */
function networkMarkdown(rows: ReportRow[], network: NetworkSource): string[] {
  return [
    `Walking network ${network.file} (${network.edges} edges, ${network.length_km} km; ${network.segments_unreachable} segments unreachable from the main network left out): straight line / along the network`,
    '',
    '| unit | parks | kindergarten | primary | middle | parking | land reached by the network |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => {
      const cells = INDICATORS.map(
        (k) => `${percent(r[k].share)} / ${percent(r.network?.[k].share ?? null)}`,
      );
      return `| ${r.name} | ${cells.join(' | ')} | ${percent(r.network?.parks.reached_share ?? null)} |`;
    }),
  ];
}
