import { hasEnglishOnlyName } from '../data/name_note';
import type { Feature, FeatureCollection, Geometry, MultiPolygon } from 'geojson';
import { colourByProximity } from './colour_catchments';
import {
  type CoverageInputs,
  type CoverageParameters,
  type IndicatorMeasure,
  type ParkingFigure,
  type PreparedCoverage,
  measureIndicator,
  parkingMeasures,
} from './coverage_report';
import {
  type Indicator,
  SERVED_SCHOOL_LEVELS,
  type ServedSchoolLevel,
  indicatorKnownRows,
  schoolsOfLevel,
  servingFacilities,
} from './indicators';
import { type IndicatorFigure, type KnownRows, gapAndUnknownRows } from './known_land';
import { type HistogramBin, distanceHistogram } from './distance_histogram';
import type { NearestFacility } from './nearest_facility';
import { shapeCentre, toPlanarShape } from './planar_shape';
import { type UnitCoverage, type reachRows, servedRows } from './rows/row_coverage';
import { rowsToPolygons } from './rows/rows_to_polygons';
import { type SchoolCatchment, schoolCatchments } from './school_catchments';
import type { NetworkOutcome, NetworkRow } from './network_run';

export const ANALYSIS_TABS = ['parks', 'schools', 'parking'] as const;
export type AnalysisTab = (typeof ANALYSIS_TABS)[number];
export type SchoolView = 'coverage' | 'catchments';
export type { Indicator } from './indicators';
export type { IndicatorFigure } from './known_land';

export interface AnalysisRequest {
  tab: AnalysisTab;
  parameters: CoverageParameters;
  schoolLevel: ServedSchoolLevel;
  schoolView: SchoolView;
}

export interface AnalysisRow {
  name: string;
  residentialAreaM2: number;
  figures: Partial<Record<Indicator, IndicatorFigure>>;
}

/**
 * What the map draws for a result: served land, gaps (unserved where the facility data is
 * known complete), unknown land (unserved elsewhere) and (schools) catchment blocks.
 */
export interface AnalysisGeometry {
  served: FeatureCollection<MultiPolygon> | null;
  gaps: FeatureCollection<Geometry>;
  unknown: FeatureCollection<MultiPolygon> | null;
  catchments: FeatureCollection<Geometry> | null;
}

/** A scenario's figures for the same request: the rows after its edits, and what changed. */
export interface ScenarioOutcome {
  scenarioId: string;
  scenarioName: string;
  /** Same shape as AnalysisResult.rows, with the edits applied. */
  rows: AnalysisRow[];
  newlyServed: FeatureCollection<MultiPolygon>;
  lostService: FeatureCollection<MultiPolygon>;
  /** The rows after the edits along the walking network, when one is loaded. */
  network?: NetworkRow[];
}

export interface AnalysisResult {
  request: AnalysisRequest;
  /** The active scenario first, then the one compared with it; absent without scenarios. */
  scenarios?: ScenarioOutcome[];
  /** The seven units, then the whole area. */
  rows: AnalysisRow[];
  geometry: AnalysisGeometry;
  catchments: SchoolCatchment[] | null;
  parking: { figures: ParkingFigure[]; histogram: HistogramBin[] | null } | null;
  /** The same figures along the imported walking network, beside these; absent without one. */
  network?: NetworkOutcome | null;
}

/**
 * Adds an indicator's figures to the table's rows (units, then the whole area); `coverage`
 * names the rows and gives their residential land.
 */
export function recordCoverage(
  rows: AnalysisRow[],
  indicator: Indicator,
  coverage: UnitCoverage[],
  figures: readonly IndicatorFigure[],
) {
  coverage.forEach((c, i) => {
    rows[i] ??= { name: c.name, residentialAreaM2: c.residentialAreaM2, figures: {} };
    rows[i]!.figures[indicator] = figures[i]!;
  });
}

export type ProgressListener = (done: number, total: number) => void;

/** Colours the map cycles through for catchments (see the catalog). */
export const CATCHMENT_COLOUR_COUNT = 8;

const emptyCollection = <G extends Geometry>(): FeatureCollection<G> => ({
  type: 'FeatureCollection',
  features: [],
});

/**
 * Runs one tab's analysis: its table (units and the whole area) and what the map draws.
 * Reports progress after each indicator.
 */
export function runAnalysis(
  prepared: PreparedCoverage,
  inputs: CoverageInputs,
  request: AnalysisRequest,
  onProgress: ProgressListener = () => {},
): AnalysisResult {
  const p = request.parameters;
  const rows: AnalysisRow[] = [];
  const record = (indicator: Indicator, measured: IndicatorMeasure) =>
    recordCoverage(rows, indicator, measured.coverage, measured.figures);
  const measure = (indicator: Indicator) => {
    const measured = measureIndicator(
      prepared,
      servingFacilities(inputs, p, indicator),
      indicatorKnownRows(prepared, inputs, indicator),
    );
    record(indicator, measured);
    return measured;
  };

  if (request.tab === 'parks') {
    onProgress(0, 2);
    const measured = measure('parks');
    onProgress(1, 2);
    const geometry = servedAndGapGeometry(prepared, measured.reach, measured.known);
    onProgress(2, 2);
    return { request, rows, geometry, catchments: null, parking: null };
  }

  if (request.tab === 'schools') {
    const total = SERVED_SCHOOL_LEVELS.length + 1;
    let geometry: AnalysisGeometry = {
      served: null,
      gaps: emptyCollection(),
      unknown: null,
      catchments: null,
    };
    SERVED_SCHOOL_LEVELS.forEach((level, i) => {
      onProgress(i, total);
      const measured = measure(level);
      if (level === request.schoolLevel && request.schoolView === 'coverage') {
        geometry = servedAndGapGeometry(prepared, measured.reach, measured.known);
      }
    });
    onProgress(SERVED_SCHOOL_LEVELS.length, total);
    const schools = schoolsOfLevel(inputs.schools, request.schoolLevel, p.includeUnverifiedSchools);
    const catchments = schoolCatchments(prepared.sites, schools, prepared.area.projection);
    if (request.schoolView === 'catchments') {
      geometry = {
        served: null,
        gaps: emptyCollection(),
        unknown: null,
        catchments: catchmentGeometry(prepared, inputs, schools, catchments.blocks),
      };
    }
    onProgress(total, total);
    return { request, rows, geometry, catchments: catchments.schools, parking: null };
  }

  onProgress(0, 1);
  const {
    figures,
    measure: measured,
    nearest,
  } = parkingMeasures(prepared, inputs, p.parkingRadiusMeters);
  record('parking', measured);
  const { histogram, beyond } = parkingDistances(prepared, inputs, figures.at(-1)!, p, nearest);
  const { unknown } = gapAndUnknownRows(prepared.area, measured.reach, measured.known);
  onProgress(1, 1);
  return {
    request,
    rows,
    geometry: {
      served: null,
      gaps: beyond,
      unknown: rowCollection(prepared, unknown, 'unknown'),
      catchments: null,
    },
    catchments: null,
    parking: { figures, histogram },
  };
}

function rowCollection(
  prepared: PreparedCoverage,
  rows: ReturnType<typeof reachRows>,
  kind: string,
): FeatureCollection<MultiPolygon> {
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { kind },
        geometry: {
          type: 'MultiPolygon',
          coordinates: rowsToPolygons(rows, prepared.area.grid, prepared.area.projection),
        },
      },
    ],
  };
}

function servedAndGapGeometry(
  prepared: PreparedCoverage,
  reach: ReturnType<typeof reachRows>,
  known: KnownRows,
): AnalysisGeometry {
  const served = servedRows(prepared.area, reach);
  const { gaps, unknown } = gapAndUnknownRows(prepared.area, reach, known);
  return {
    served: rowCollection(prepared, served, 'served'),
    gaps: rowCollection(prepared, gaps, 'gap'),
    unknown: rowCollection(prepared, unknown, 'unknown'),
    catchments: null,
  };
}

function catchmentGeometry(
  prepared: PreparedCoverage,
  inputs: CoverageInputs,
  schools: Feature<Geometry, Record<string, unknown>>[],
  blocks: { blockId: string; schoolId: string; distanceM: number }[],
): FeatureCollection<Geometry> {
  const projection = prepared.area.projection;
  const colours = colourByProximity(
    schools.map((s) => shapeCentre(toPlanarShape(s.geometry, projection))),
    CATCHMENT_COLOUR_COUNT,
  );
  const schoolIndex = new Map(schools.map((s, i) => [String(s.properties.id), i]));
  const blockById = new Map(inputs.residential.features.map((b) => [b.properties.id, b]));
  return {
    type: 'FeatureCollection',
    features: blocks.flatMap((b) => {
      const block = blockById.get(b.blockId);
      const i = schoolIndex.get(b.schoolId);
      if (!block || i === undefined) return [];
      return [
        {
          type: 'Feature',
          properties: {
            id: b.blockId,
            school_id: b.schoolId,
            school_name: String(schools[i]!.properties.name ?? ''),
            school_name_english_only: hasEnglishOnlyName(schools[i]!.properties),
            distance_m: Math.round(b.distanceM),
            colour: colours[i]!,
          },
          geometry: block.geometry,
        },
      ];
    }),
  };
}

/** Parking: the distance histogram of measured units and the blocks beyond the radius. */
function parkingDistances(
  prepared: PreparedCoverage,
  inputs: CoverageInputs,
  whole: ParkingFigure,
  p: CoverageParameters,
  nearest: NearestFacility[],
) {
  const measured = new Set(whole.units_measured);
  if (measured.size === 0 || (inputs.carParks?.features.length ?? 0) === 0) {
    return { histogram: null, beyond: emptyCollection<Geometry>() };
  }
  const entries = prepared.sites.flatMap((site, i) =>
    site.unit !== null && measured.has(site.unit)
      ? [{ site, areaM2: site.areaM2, distanceM: nearest[i]!.distanceM }]
      : [],
  );
  const blockById = new Map(inputs.residential.features.map((b) => [b.properties.id, b]));
  return {
    histogram: distanceHistogram(entries),
    beyond: {
      type: 'FeatureCollection',
      features: entries
        .filter((e) => e.distanceM > p.parkingRadiusMeters)
        .flatMap((e) => {
          const block = blockById.get(e.site.id);
          return block
            ? [
                {
                  type: 'Feature',
                  properties: { id: e.site.id, distance_m: Math.round(e.distanceM) },
                  geometry: block.geometry,
                } as Feature<Geometry>,
              ]
            : [];
        }),
    } as FeatureCollection<Geometry>,
  };
}
