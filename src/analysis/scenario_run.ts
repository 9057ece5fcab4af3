import type { FeatureCollection, MultiPolygon } from 'geojson';
import type { AppFeature, AppFeatureCollection } from '../data/schema';
import {
  type AnalysisRequest,
  type AnalysisRow,
  type Indicator,
  recordCoverage,
} from './analysis_run';
import {
  type CoverageInputs,
  type CoverageParameters,
  type ParkingFigure,
  type PreparedCoverage,
  WHOLE_AREA_NAME,
  parkingFiguresFrom,
} from './coverage_report';
import {
  SERVED_SCHOOL_LEVELS,
  carParkFacilities,
  indicatorKnownRows,
  parkFacilities,
  schoolReaches,
} from './indicators';
import {
  type CoverageBaseline,
  type CoverageChange,
  type CoverageUpdate,
  type IdentifiedReach,
  createBaseline,
  updateCoverage,
} from './rows/incremental_coverage';
import { type Intervals, intersectIntervals, mergeIntervals } from './rows/intervals';
import {
  type IndicatorFigure,
  indicatorFigures,
  knowledgeAfterChange,
  unitKnowledge,
} from './known_land';
import { nearestFacilities } from './nearest_facility';
import { toPlanarShape } from './planar_shape';
import type { PreparedArea } from './rows/row_coverage';
import { rowsToPolygons } from './rows/rows_to_polygons';
import { type Scenario, applyScenarioDetailed } from './scenario';

export interface ScenarioResult {
  /** After the edits, as AnalysisResult.rows: the seven units, then the whole area. */
  rows: AnalysisRow[];
  /** Residential land the edits bring within reach (schools: of the request's level). */
  newlyServed: FeatureCollection<MultiPolygon>;
  /** Residential land the edits leave out of reach. */
  lostService: FeatureCollection<MultiPolygon>;
  /** Edits that took effect (removals of features no longer in the data do not). */
  editsApplied: number;
  /** Parking tab: the figures with distances, as AnalysisResult.parking.figures; else null. */
  parking: ParkingFigure[] | null;
}

/** How many baselines one set of facility collections keeps (for different parameters). */
const BASELINES_PER_INPUTS = 8;

/**
 * Baselines (each indicator's coverage before any edit) kept between runs, so that
 * consecutive edits of a scenario only pay for the rows they touch. Keyed by the prepared
 * area and the facility collections (weakly: new inputs objects get new baselines), then by
 * indicator and every facility's id and radius (which carry the parameters that matter).
 */
export class ScenarioCache {
  private readonly root = new WeakMap<object, unknown>();
  /** Baselines built and reused so far. */
  builds = 0;
  hits = 0;

  baseline(
    objects: readonly object[],
    indicator: string,
    area: PreparedArea,
    facilities: readonly IdentifiedReach[],
  ): CoverageBaseline {
    let level = this.root;
    for (const o of objects.slice(0, -1)) {
      let next = level.get(o) as WeakMap<object, unknown> | undefined;
      if (!next) level.set(o, (next = new WeakMap()));
      level = next;
    }
    const last = objects.at(-1)!;
    let map = level.get(last) as Map<string, CoverageBaseline> | undefined;
    if (!map) level.set(last, (map = new Map()));
    const key = `${indicator}\n${facilities.map((f) => `${f.id}:${f.radiusM}`).join('\n')}`;
    const found = map.get(key);
    if (found) {
      this.hits++;
      return found;
    }
    this.builds++;
    const baseline = createBaseline(area, facilities, WHOLE_AREA_NAME);
    map.set(key, baseline);
    if (map.size > BASELINES_PER_INPUTS) map.delete(map.keys().next().value!);
    return baseline;
  }
}

export const createScenarioCache = () => new ScenarioCache();

/** Stands in for a missing collection in cache keys. */
const NONE = {};

const single = (feature: AppFeature): AppFeatureCollection => ({
  type: 'FeatureCollection',
  features: [feature],
});
const NO_PARKS: AppFeatureCollection = { type: 'FeatureCollection', features: [] };

/** parkFacilities with each facility's feature id (parks, then greenways when counted). */
export function parkReaches(
  inputs: Pick<CoverageInputs, 'parks' | 'greenways'>,
  p: CoverageParameters,
): IdentifiedReach[] {
  const withId = (feature: AppFeature, reach: ReturnType<typeof parkFacilities>) =>
    reach.map((r) => ({ ...r, id: String(feature.properties.id) }));
  const parks = inputs.parks.features.flatMap((f) => withId(f, parkFacilities(single(f), p)));
  if (!p.includeGreenways || !inputs.greenways) return parks;
  const greenways = inputs.greenways.features.flatMap((g) =>
    withId(g, parkFacilities(NO_PARKS, p, single(g))),
  );
  return [...parks, ...greenways];
}

/** The change from one facility list to another, by id. */
export function facilityChange(
  before: readonly IdentifiedReach[],
  after: readonly IdentifiedReach[],
): CoverageChange {
  const beforeIds = new Set(before.map((f) => f.id));
  const afterIds = new Set(after.map((f) => f.id));
  return {
    added: after.filter((f) => !beforeIds.has(f.id)),
    removedIds: [...beforeIds].filter((id) => !afterIds.has(id)),
  };
}

/**
 * One tab's figures with the scenario's edits applied, measured incrementally against cached
 * baselines of the unedited inputs, and the residential land the edits bring into or take out
 * of reach. Equals runAnalysis on applyScenario(inputs, scenario) to floating-point tolerance.
 */
export function runScenario(
  prepared: PreparedCoverage,
  inputs: CoverageInputs,
  request: AnalysisRequest,
  scenario: Scenario,
  cache: ScenarioCache,
): ScenarioResult {
  const { inputs: edited, applied } = applyScenarioDetailed(inputs, scenario);
  const p = request.parameters;
  const area = prepared.area;
  const rows: AnalysisRow[] = [];
  // The known extent is the data's, not the scenario's: planned facilities serve land, but
  // do not make the data about the rest of it complete (a unit without data that a planned
  // facility serves reads as a lower bound, as a full recomputation of the edited data does).
  const measure = (
    indicator: Indicator,
    objects: object[],
    before: IdentifiedReach[],
    after: IdentifiedReach[],
  ): { update: CoverageUpdate; figures: IndicatorFigure[] } => {
    const baseline = cache.baseline([prepared, ...objects], indicator, area, before);
    const update = updateCoverage(baseline, facilityChange(before, after));
    const known = indicatorKnownRows(prepared, edited, indicator);
    const knownBefore = unitKnowledge(area, baseline.reach, known);
    const knowledge = knowledgeAfterChange(
      area,
      knownBefore,
      known,
      update.newlyServed,
      update.lostService,
    );
    const figures = indicatorFigures(update.coverage, knowledge);
    recordCoverage(rows, indicator, update.coverage, figures);
    return { update, figures };
  };
  const result = (update: CoverageUpdate | null, parking: ParkingFigure[] | null = null) => ({
    rows,
    newlyServed: changeGeometry(area, update?.newlyServed, 'newly-served'),
    lostService: changeGeometry(area, update?.lostService, 'lost-service'),
    editsApplied: applied.length,
    parking,
  });

  if (request.tab === 'parks') {
    const objects = [inputs.parks, p.includeGreenways ? (inputs.greenways ?? NONE) : NONE];
    return result(measure('parks', objects, parkReaches(inputs, p), parkReaches(edited, p)).update);
  }

  if (request.tab === 'schools') {
    let shown: CoverageUpdate | null = null;
    for (const level of SERVED_SCHOOL_LEVELS) {
      const update = measure(
        level,
        [inputs.schools],
        schoolReaches(inputs.schools, level, p),
        schoolReaches(edited.schools, level, p),
      );
      if (level === request.schoolLevel) shown = update.update;
    }
    return result(shown);
  }

  // Parking: car parks a scenario adds serve land, but say nothing of the rest of it.
  const { update, figures: measuredFigures } = measure(
    'parking',
    [inputs.carParks ?? NONE],
    carParkFacilities(inputs.carParks, p),
    carParkFacilities(edited.carParks, p),
  );
  const figures = parkingFiguresAfter(prepared, edited, measuredFigures);
  const units = area.unitNames.flatMap((_, u) => (measuredFigures[u]!.noData ? [] : [u]));
  if (units.length < area.unitNames.length) {
    update.newlyServed = withinUnits(area, update.newlyServed, units);
    update.lostService = withinUnits(area, update.lostService, units);
  }
  return result(update, figures);
}

/**
 * As parkingMeasures' figures, with the coverage taken from the incremental update (units,
 * then whole area) and distances to the nearest of the edited car parks.
 */
function parkingFiguresAfter(
  prepared: PreparedCoverage,
  edited: CoverageInputs,
  figures: IndicatorFigure[],
): ParkingFigure[] {
  const nearest = figures.at(-1)!.noData
    ? []
    : nearestFacilities(
        prepared.sites,
        (edited.carParks?.features ?? []).map((c) =>
          toPlanarShape(c.geometry, prepared.area.projection),
        ),
      );
  return parkingFiguresFrom(prepared, figures, nearest);
}

/** The row intervals restricted to the given units' residential land. */
function withinUnits(
  area: PreparedArea,
  rows: (Intervals | undefined)[],
  units: number[],
): (Intervals | undefined)[] {
  return rows.map((row, k) => {
    if (!row) return undefined;
    const land = units.flatMap((u) => area.unitRows[u]![k] ?? []);
    if (land.length === 0) return undefined;
    const kept = intersectIntervals(row, mergeIntervals(land));
    return kept.length > 0 ? kept : undefined;
  });
}

function changeGeometry(
  area: PreparedArea,
  rows: (Intervals | undefined)[] | undefined,
  kind: string,
): FeatureCollection<MultiPolygon> {
  const coordinates = rows ? rowsToPolygons(rows, area.grid, area.projection) : [];
  return {
    type: 'FeatureCollection',
    features:
      coordinates.length > 0
        ? [
            {
              type: 'Feature',
              properties: { kind },
              geometry: { type: 'MultiPolygon', coordinates },
            },
          ]
        : [],
  };
}
