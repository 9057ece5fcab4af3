import type { Feature, Geometry } from 'geojson';
import type { KnownExtents } from '../data/completeness';
import { SUBDISTRICT_NAMES } from '../data/layers';
import type { AppFeatureCollection } from '../data/schema';
import { type CoverageParameters } from './coverage_parameters';
import {
  type Indicator,
  type ServedSchoolLevel,
  carParkFacilities,
  indicatorKnownRows,
  servingFacilities,
} from './indicators';
import {
  type IndicatorFigure,
  type KnownRows,
  indicatorFigures,
  unitKnowledge,
} from './known_land';
import {
  type BlockSite,
  type NearestFacility,
  blockSites,
  distanceSummary,
  nearestFacilities,
} from './nearest_facility';
import { toPlanarShape } from './planar_shape';
import {
  type FacilityReach,
  type PreparedArea,
  type UnitCoverage,
  prepareAreaAndBlocks,
  reachAndCoverage,
  reachRows,
  totalCoverage,
} from './rows/row_coverage';

export { type CoverageParameters, DEFAULT_COVERAGE_PARAMETERS } from './coverage_parameters';
// The indicators' definition, under the names the report's readers have imported it by.
export {
  type Indicator,
  SCHOOL_RADIUS_PARAMETER,
  SERVED_SCHOOL_LEVELS,
  type ServedSchoolLevel,
  indicatorKnownRows,
  parkFacilities,
  schoolReaches,
  schoolsOfLevel,
} from './indicators';

/**
 * One indicator of one report row. `covered_m2 / residential_area_m2 = share`, where the
 * residential area is the row's own, or for the whole area the one given here (its measured
 * units only).
 */
export interface CoverageFigure {
  /** Null where the row has no facility data (`no_data`). */
  covered_m2: number | null;
  share: number | null;
  /** No facility data for the row: none of its land is known complete, none is served. */
  no_data: boolean;
  /** Unknown land exists: the share is a lower bound. */
  lower_bound: boolean;
  /** Residential land no known facility serves, outside the known extent, m². */
  unknown_m2: number;
  /** Whole area only: the units its figure covers and their residential land. */
  measured_units?: string[];
  residential_area_m2?: number;
}

export function reportFigure(f: IndicatorFigure): CoverageFigure {
  return {
    covered_m2: f.coveredM2,
    share: f.share,
    no_data: f.noData,
    lower_bound: f.lowerBound,
    unknown_m2: f.unknownM2,
    ...(f.measuredUnits
      ? { measured_units: f.measuredUnits, residential_area_m2: f.residentialAreaM2 }
      : {}),
  };
}

export interface ParkingFigure extends CoverageFigure {
  mean_distance_m: number | null;
  max_distance_m: number | null;
  /** The units whose car-park data the figure rests on (empty: not measured). */
  units_measured: string[];
}

export interface CoverageRow {
  name: string;
  residential_area_m2: number;
  parks: CoverageFigure;
  kindergarten: CoverageFigure;
  primary: CoverageFigure;
  middle: CoverageFigure;
  parking: ParkingFigure;
}

export const WHOLE_AREA_NAME = '回天地区';

export interface CoverageInputs {
  subdistricts: AppFeatureCollection;
  residential: AppFeatureCollection;
  parks: AppFeatureCollection;
  schools: AppFeatureCollection;
  /** Greenways, counted as park service when the parameters ask for it. */
  greenways?: AppFeatureCollection;
  /** Public car parks, or null when no data has them (then nothing is known of parking). */
  carParks: AppFeatureCollection | null;
  /** Where each facility layer's data is known complete; an absent layer: everywhere. */
  knownExtents: KnownExtents;
}

/** One indicator measured: its reach, coverage (units, whole area) and the table's figures. */
export interface IndicatorMeasure {
  reach: ReturnType<typeof reachRows>;
  known: KnownRows;
  coverage: UnitCoverage[];
  figures: IndicatorFigure[];
}

export function measureIndicator(
  prepared: PreparedCoverage,
  facilities: FacilityReach[],
  known: KnownRows,
): IndicatorMeasure {
  const { reach, perUnit } = reachAndCoverage(prepared.area, facilities);
  const figures = indicatorFigures(perUnit, unitKnowledge(prepared.area, reach, known));
  return {
    reach,
    known,
    coverage: [...perUnit, totalCoverage(WHOLE_AREA_NAME, perUnit)],
    figures,
  };
}

/** The parameter-independent part: residential rows per unit and block centres. */
export interface PreparedCoverage {
  area: PreparedArea;
  /**
   * The blocks as sites, made on first use: only the schools and parking tabs ask for them,
   * and their areas walk every vertex of every block again, before anything is optimised.
   */
  readonly sites: BlockSite[];
}

export function prepareCoverage(
  inputs: Pick<CoverageInputs, 'subdistricts' | 'residential'>,
  rowSpacingM?: number,
): PreparedCoverage {
  const units = sortedUnits(inputs.subdistricts.features as Feature<Geometry, { name: string }>[]);
  const blocks = inputs.residential.features;
  return preparedCoverageOf(blocks, prepareAreaAndBlocks(units, blocks, rowSpacingM));
}

/** The prepared coverage of a prepared area, its blocks' sites made on first use. */
export function preparedCoverageOf(
  blocks: Feature<Geometry, Record<string, unknown>>[],
  {
    area,
    blockShape,
    blockCentres,
  }: Pick<ReturnType<typeof prepareAreaAndBlocks>, 'area' | 'blockShape' | 'blockCentres'>,
): PreparedCoverage {
  let sites: BlockSite[] | undefined;
  return {
    area,
    get sites() {
      return (sites ??= blockSites(blocks, blockShape, blockCentres));
    },
  };
}

/** Units in the action plan's order; names it does not list go last. */
export function sortedUnits<F extends Feature<Geometry, { name: string }>>(units: F[]): F[] {
  const rank = (f: F) => {
    const i = (SUBDISTRICT_NAMES as readonly string[]).indexOf(f.properties.name);
    return i < 0 ? SUBDISTRICT_NAMES.length : i;
  };
  return [...units].sort((a, b) => rank(a) - rank(b));
}

/** Per unit and (last) for the whole area: residential land within reach of the facilities. */
export function indicatorCoverage(
  prepared: PreparedCoverage,
  facilities: FacilityReach[],
): UnitCoverage[] {
  const { perUnit } = reachAndCoverage(prepared.area, facilities);
  return [...perUnit, totalCoverage(WHOLE_AREA_NAME, perUnit)];
}

/**
 * Parking per unit and for the whole area: share of residential land within the radius of a
 * car park, and the distance from each block's centre to the nearest one. Units without
 * car-park data get nulls — never 0% — and the whole area covers only the measured units.
 */
export function parkingFigures(
  prepared: PreparedCoverage,
  inputs: Pick<CoverageInputs, 'carParks' | 'knownExtents'>,
  radiusM: number,
): ParkingFigure[] {
  return parkingMeasures(prepared, inputs, radiusM).figures;
}

/**
 * The parking figures together with what they rest on, for callers that draw them: the
 * indicator's measure and each block's nearest car park (in the order of `prepared.sites`).
 */
export function parkingMeasures(
  prepared: PreparedCoverage,
  inputs: Pick<CoverageInputs, 'carParks' | 'knownExtents'>,
  radiusM: number,
): { figures: ParkingFigure[]; measure: IndicatorMeasure; nearest: NearestFacility[] } {
  const carParks = carParkFacilities(inputs.carParks, { parkingRadiusMeters: radiusM });
  const measure = measureIndicator(
    prepared,
    carParks,
    indicatorKnownRows(prepared, inputs, 'parking'),
  );
  const nearest = nearestFacilities(
    prepared.sites,
    carParks.map((c) => toPlanarShape(c.geometry, prepared.area.projection)),
  );
  return { figures: parkingFiguresFrom(prepared, measure.figures, nearest), measure, nearest };
}

/**
 * The parking figures from measured parts: the indicator's figures (units, then the whole
 * area) and each block's nearest car park. Units without data get nulls; the distances of
 * the whole area cover the units with data.
 */
export function parkingFiguresFrom(
  prepared: PreparedCoverage,
  figures: readonly IndicatorFigure[],
  nearest: NearestFacility[],
): ParkingFigure[] {
  const names = prepared.area.unitNames;
  const figureFor = (f: IndicatorFigure, units: string[]): ParkingFigure => {
    const distances =
      units.length === 0
        ? { meanDistanceM: null, maxDistanceM: null }
        : distanceSummary(
            prepared.sites.flatMap((site, i) =>
              site.unit !== null && units.includes(site.unit) && nearest[i]
                ? [{ areaM2: site.areaM2, distanceM: nearest[i].distanceM }]
                : [],
            ),
          );
    return {
      ...reportFigure(f),
      mean_distance_m: distances.meanDistanceM,
      max_distance_m: distances.maxDistanceM,
      units_measured: units,
    };
  };
  const whole = figures[names.length]!;
  return [
    ...names.map((name, u) => figureFor(figures[u]!, figures[u]!.noData ? [] : [name])),
    figureFor(whole, whole.measuredUnits ?? []),
  ];
}

/** The coverage table: one row per unit, then the whole area. */
export function coverageReport(
  inputs: CoverageInputs,
  p: CoverageParameters,
  prepared: PreparedCoverage = prepareCoverage(inputs),
): CoverageRow[] {
  const measure = (indicator: Indicator) =>
    measureIndicator(
      prepared,
      servingFacilities(inputs, p, indicator),
      indicatorKnownRows(prepared, inputs, indicator),
    );
  const parks = measure('parks');
  const school = (level: ServedSchoolLevel) => measure(level).figures;
  const kindergarten = school('kindergarten');
  const primary = school('primary');
  const middle = school('middle');
  const parking = parkingFigures(prepared, inputs, p.parkingRadiusMeters);
  return parks.coverage.map((row, i) => ({
    name: row.name,
    residential_area_m2: row.residentialAreaM2,
    parks: reportFigure(parks.figures[i]!),
    kindergarten: reportFigure(kindergarten[i]!),
    primary: reportFigure(primary[i]!),
    middle: reportFigure(middle[i]!),
    parking: parking[i]!,
  }));
}
