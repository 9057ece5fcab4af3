import type { FeatureCollection, MultiPolygon } from 'geojson';
import type { AnalysisRequest, AnalysisRow, AnalysisTab } from './analysis_run';
import { type CoverageInputs, WHOLE_AREA_NAME } from './coverage_report';
import {
  type Indicator,
  SERVED_SCHOOL_LEVELS,
  indicatorKnownRows,
  servingFacilities,
} from './indicators';
import type { KnownRows } from './known_land';
import { type NetworkSamples, type NetworkUnitCoverage, networkGapRows } from './network/coverage';
import { type PreparedNetworkCoverage, networkIndicator } from './network/report';
import { rowsToPolygons } from './rows/rows_to_polygons';
import { type Scenario, applyScenario } from './scenario';

/** The walking network a figure was measured on: every network figure names it. */
export interface NetworkSource {
  /** The imported file's name. */
  name: string;
  importedAt: string;
  lengthM: number;
}

/** One indicator's figure along the network for one row of the table. */
export interface NetworkTableFigure {
  /** Null where the row has no figure (no facility data, or the network does not reach it). */
  coveredM2: number | null;
  share: number | null;
  /** The residential land the share is over (whole area: of its measured units), m². */
  residentialAreaM2: number;
  /** Residential land that joins the network within the leg limit, m². */
  reachedM2: number;
  /** No facility data for the row (as for the straight-line figure): no network figure. */
  noData: boolean;
  /** The network reaches none of the row's residential land: no network figure. */
  notReached: boolean;
  /** Land the network does not reach, or whose facility data is unknown: a lower bound. */
  lowerBound: boolean;
  /** Whole area only: the units its figure covers. */
  measuredUnits?: string[];
}

export interface NetworkRow {
  name: string;
  figures: Partial<Record<Indicator, NetworkTableFigure>>;
}

/** A tab's figures along the network, beside the straight-line rows of the same result. */
export interface NetworkOutcome {
  source: NetworkSource;
  /** In the order of the straight-line rows: the units, then the whole area. */
  rows: NetworkRow[];
  /**
   * Residential land the network reaches, whose facility data is known, and that no facility
   * serves within its radius along the network (the shown indicator only); null when the tab
   * shows no coverage map (school catchments).
   */
  gaps: FeatureCollection<MultiPolygon> | null;
}

export const TAB_INDICATORS: Record<AnalysisTab, readonly Indicator[]> = {
  parks: ['parks'],
  schools: SERVED_SCHOOL_LEVELS,
  parking: ['parking'],
};

/** The indicator whose coverage the map shows for a request, or null (catchments). */
export function shownIndicator(request: AnalysisRequest): Indicator | null {
  if (request.tab === 'parks') return 'parks';
  if (request.tab === 'parking') return 'parking';
  return request.schoolView === 'coverage' ? request.schoolLevel : null;
}

/** Below this much land (m²) a unit counts as not reached, as known_land counts no data. */
const NOTHING_M2 = 1;

/**
 * One indicator's table figures along the network. A unit without straight-line data has no
 * network figure either (no data is not a gap); a unit the network does not reach has none
 * and says so; the whole area is over the units with data, as the straight-line figure.
 */
export function networkTableFigures(
  coverage: readonly NetworkUnitCoverage[],
  straightRows: readonly AnalysisRow[],
  indicator: Indicator,
  unknownM2: readonly number[] = [],
): NetworkTableFigure[] {
  const byName = new Map(coverage.map((c) => [c.name, c]));
  const units = straightRows.filter((r) => r.name !== WHOLE_AREA_NAME);
  const unitFigures = units.map((row): NetworkTableFigure => {
    const c = byName.get(row.name);
    const unknown = unknownM2[coverage.findIndex((x) => x.name === row.name)] ?? 0;
    const straight = row.figures[indicator];
    const residentialAreaM2 = c?.residentialAreaM2 ?? row.residentialAreaM2;
    const reachedM2 = c?.reachedM2 ?? 0;
    const noData = !straight || straight.noData;
    const notReached = reachedM2 < NOTHING_M2;
    const measured = !noData && !notReached && residentialAreaM2 > 0;
    return {
      coveredM2: measured ? c!.coveredM2 : null,
      share: measured ? c!.coveredM2 / residentialAreaM2 : null,
      residentialAreaM2,
      reachedM2,
      noData,
      notReached,
      lowerBound:
        measured &&
        (straight.lowerBound ||
          unknown >= NOTHING_M2 ||
          residentialAreaM2 - reachedM2 >= NOTHING_M2),
    };
  });
  // Over the same units as the straight-line whole area: a unit the network does not reach
  // adds its land uncovered (and makes the figure a lower bound), so the two stay comparable.
  const measured = unitFigures.flatMap((f, i) => (f.noData ? [] : [i]));
  const sum = (key: 'coveredM2' | 'residentialAreaM2' | 'reachedM2') =>
    measured.reduce((s, i) => s + (unitFigures[i]![key] ?? 0), 0);
  const residentialAreaM2 = sum('residentialAreaM2');
  const coveredM2 = sum('coveredM2');
  const reached = measured.some((i) => !unitFigures[i]!.notReached);
  const whole: NetworkTableFigure = {
    coveredM2: reached ? coveredM2 : null,
    share: reached && residentialAreaM2 > 0 ? coveredM2 / residentialAreaM2 : null,
    residentialAreaM2,
    reachedM2: sum('reachedM2'),
    noData: measured.length === 0,
    notReached: measured.length > 0 && !reached,
    lowerBound:
      reached && measured.some((i) => unitFigures[i]!.lowerBound || unitFigures[i]!.notReached),
    measuredUnits: measured.map((i) => units[i]!.name),
  };
  return [...unitFigures, whole];
}

const insideIntervals = (intervals: readonly number[] | undefined, x: number) => {
  if (!intervals) return false;
  for (let i = 0; i + 1 < intervals.length; i += 2) {
    if (x >= intervals[i]! && x <= intervals[i + 1]!) return true;
  }
  return false;
};

/** Whether a sample lies where the indicator's facility data is known (null: everywhere). */
const sampleKnown = (samples: NetworkSamples, known: KnownRows, i: number) =>
  known === null || insideIntervals(known[samples.row[i]!], samples.x[i]!);

/**
 * Per unit: land on the network, not served along it and outside the known extent — unknown
 * rather than a gap, so the unit's network share is a lower bound.
 */
export function unknownAlongNetwork(
  samples: NetworkSamples,
  served: Uint8Array,
  known: KnownRows,
): number[] {
  const unknown = samples.unitNames.map(() => 0);
  if (known === null) return unknown;
  for (let i = 0; i < served.length; i++) {
    if (served[i] || samples.edge[i]! < 0 || sampleKnown(samples, known, i)) continue;
    unknown[samples.unit[i]!]! += samples.weight[i]!;
  }
  return unknown;
}

/**
 * Per sample: 1 where the sample is NOT a network gap — served along the network, not joined
 * to the network at all, in a unit without a figure, or outside the known extent.
 */
export function notNetworkGap(
  samples: NetworkSamples,
  served: Uint8Array,
  known: KnownRows,
  unitsWithFigure: ReadonlySet<number>,
): Uint8Array {
  const mask = new Uint8Array(served.length);
  for (let i = 0; i < served.length; i++) {
    const gap =
      !served[i] &&
      samples.edge[i]! >= 0 &&
      unitsWithFigure.has(samples.unit[i]!) &&
      sampleKnown(samples, known, i);
    mask[i] = gap ? 0 : 1;
  }
  return mask;
}

/**
 * A tab's coverage along the network: per indicator of the tab, per unit and the whole area,
 * and (with `withGaps`) the map of network gaps of the shown indicator. `straightRows` are
 * the straight-line rows of the same inputs, whose no-data states the network figures share.
 */
export function runNetworkAnalysis(
  prepared: PreparedNetworkCoverage,
  inputs: CoverageInputs,
  request: AnalysisRequest,
  straightRows: readonly AnalysisRow[],
  source: NetworkSource,
  withGaps = true,
): NetworkOutcome {
  const rows: NetworkRow[] = straightRows.map((r) => ({ name: r.name, figures: {} }));
  const shown = withGaps ? shownIndicator(request) : null;
  let gaps: FeatureCollection<MultiPolygon> | null = null;
  for (const indicator of TAB_INDICATORS[request.tab]) {
    // The same definition as the straight-line runner: only the distance differs.
    const measured = networkIndicator(
      prepared,
      servingFacilities(inputs, request.parameters, indicator),
    );
    const samples = prepared.samples;
    const known = indicatorKnownRows(samples, inputs, indicator);
    const unknown = unknownAlongNetwork(samples, measured.served, known);
    const figures = networkTableFigures(measured.rows, straightRows, indicator, unknown);
    figures.forEach((f, i) => (rows[i]!.figures[indicator] = f));
    if (indicator !== shown) continue;
    const withFigure = new Set(
      samples.unitNames.flatMap((name, u) => {
        const i = straightRows.findIndex((r) => r.name === name);
        return i >= 0 && figures[i]!.share !== null ? [u] : [];
      }),
    );
    const mask = notNetworkGap(samples, measured.served, known, withFigure);
    const coordinates = rowsToPolygons(
      networkGapRows(samples, mask).gaps,
      samples.area.grid,
      samples.area.projection,
    );
    gaps = {
      type: 'FeatureCollection',
      features:
        coordinates.length > 0
          ? [
              {
                type: 'Feature',
                properties: { kind: 'network-gap', network: source.name },
                geometry: { type: 'MultiPolygon', coordinates },
              },
            ]
          : [],
    };
  }
  return { source, rows, gaps };
}

/**
 * A scenario's figures along the network: its edited facilities measured afresh (one search
 * per indicator), beside the scenario's straight-line rows.
 */
export function runNetworkScenario(
  prepared: PreparedNetworkCoverage,
  inputs: CoverageInputs,
  request: AnalysisRequest,
  scenario: Scenario,
  scenarioRows: readonly AnalysisRow[],
  source: NetworkSource,
): NetworkRow[] {
  const edited = applyScenario(inputs, scenario);
  return runNetworkAnalysis(prepared, edited, request, scenarioRows, source, false).rows;
}
