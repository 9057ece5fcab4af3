import { csvDocument } from '../../src/export/csv';
import {
  type CoverageFigure,
  type CoverageParameters,
  type CoverageRow,
  WHOLE_AREA_NAME,
} from '../../src/analysis/coverage_report';
import { INDICATORS } from '../../src/analysis/indicators';
import type { NetworkFigures } from '../../src/analysis/network/report';
import {
  type CompletenessTable,
  type CoverageIndicator,
  INDICATOR_DATA_LAYER,
  indicatorCompleteness,
} from '../../src/data/completeness';
import { DEFAULT_ROW_SPACING_M } from '../../src/analysis/rows/row_coverage';
import { OUTLINE_TOLERANCE_M } from '../../src/analysis/rows/simplify_outline';

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

/** The residential land a figure's share is over: the row's, or the whole area's measured. */
const figureResidential = (row: CoverageRow, f: CoverageFigure) =>
  f.residential_area_m2 ?? row.residential_area_m2;

/** "≥ 5.7% (unknown 67.3%)" where unknown land exists, "无数据 / no data" without data. */
function figureCell(row: CoverageRow, f: CoverageFigure): string {
  if (f.no_data) return '无数据 / no data';
  if (f.share === null) return 'n/a';
  if (!f.lower_bound) return percent(f.share);
  const residential = figureResidential(row, f);
  const unknown = residential > 0 ? f.unknown_m2 / residential : 0;
  return `≥ ${percent(f.share)} (unknown ${percent(unknown)})`;
}

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
    ...INDICATORS.flatMap((k) => [
      `${k}_covered_m2`,
      `${k}_share`,
      `${k}_residential_area_m2`,
      `${k}_unknown_m2`,
      `${k}_lower_bound`,
      `${k}_no_data`,
      `${k}_measured_units`,
    ]),
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
    ...INDICATORS.flatMap((k) => [
      cell(r[k].covered_m2),
      cell(r[k].share),
      // The land the share is over: covered / this = share on every row.
      cell(r[k].no_data ? null : figureResidential(r, r[k])),
      cell(r[k].unknown_m2),
      String(r[k].lower_bound),
      String(r[k].no_data),
      // Semicolons: the names are one cell.
      (r[k].measured_units ?? (r[k].no_data ? [] : [r.name])).join(';'),
    ]),
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
        `| ${r.name} | ${(r.residential_area_m2 / 1e6).toFixed(2)} | ${INDICATORS.map((k) => figureCell(r, r[k])).join(' | ')} |`,
    ),
    '',
    '≥: a lower bound — residential land that no known facility serves lies outside the area where the facility data is complete (unknown: its share of the row). 无数据 / no data: no facility data for the unit.',
    `Measured on rows ${DEFAULT_ROW_SPACING_M} m apart; facility outlines simplified within ${OUTLINE_TOLERANCE_M} m.`,
    ...(whole ? ['', ...wholeAreaMarkdown(whole)] : []),
    '',
    'Data notes:',
    ...notes,
    ...(scenario ? ['', ...scenarioMarkdown(rows, scenario)] : []),
    ...(network ? ['', ...networkMarkdown(rows, network)] : []),
  ];
  return `${lines.join('\n')}\n`;
}

/** The whole-area row per indicator: which units it covers, and over exactly which land. */
function wholeAreaMarkdown(whole: CoverageRow): string[] {
  const km2 = (m2: number | null | undefined) => (m2 == null ? '—' : (m2 / 1e6).toFixed(2));
  return [
    `${WHOLE_AREA_NAME}: each indicator over the residential land of the units it measures`,
    '',
    '| indicator | units measured | residential km² | covered km² | unknown km² | share |',
    '|---|---|---:|---:|---:|---:|',
    ...INDICATORS.map((k) => {
      const f = whole[k];
      const units = f.measured_units ?? [];
      const named = units.length === 0 ? 'none' : units.length === 7 ? 'all 7' : units.join(', ');
      return `| ${k} | ${named} | ${km2(f.residential_area_m2)} | ${km2(f.covered_m2)} | ${f.no_data ? '—' : km2(f.unknown_m2)} | ${figureCell(whole, f)} |`;
    }),
  ];
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
      const cells = INDICATORS.map((k) =>
        r[k].no_data
          ? figureCell(r, r[k])
          : `${figureCell(r, r[k])} → ${figureCell(after, after[k])}${change(r[k].share, after[k].share)}`,
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
