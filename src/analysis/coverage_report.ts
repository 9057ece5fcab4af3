import { countedLevels } from '../data/school_levels';
import type { Feature, Geometry } from 'geojson';

export { type CoverageParameters, DEFAULT_COVERAGE_PARAMETERS } from './coverage_parameters';
import { SUBDISTRICT_NAMES } from '../data/layers';
import type { AppFeatureCollection } from '../data/schema';
import {
  type BlockSite,
  type NearestFacility,
  blockSites,
  distanceSummary,
  nearestFacilities,
} from './nearest_facility';
import { type CoverageParameters } from './coverage_parameters';
import { parkServiceRadiusMeters } from './park_service_radius';
import { toPlanarShape } from './planar_shape';
import {
  type FacilityReach,
  type PreparedArea,
  type UnitCoverage,
  measureCoverage,
  prepareArea,
  reachRows,
  totalCoverage,
} from './row_coverage';

export const SERVED_SCHOOL_LEVELS = ['kindergarten', 'primary', 'middle'] as const;
export type ServedSchoolLevel = (typeof SERVED_SCHOOL_LEVELS)[number];

export const SCHOOL_RADIUS_PARAMETER: Record<ServedSchoolLevel, keyof CoverageParameters> = {
  kindergarten: 'kindergartenRadiusMeters',
  primary: 'primaryRadiusMeters',
  middle: 'middleRadiusMeters',
};

export interface CoverageFigure {
  covered_m2: number | null;
  share: number | null;
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
  /** Public car parks, or null when no data has them. */
  carParks: AppFeatureCollection | null;
  /** Units whose car-park data is complete enough to measure. */
  parkingUnits: readonly string[];
}

/** The parameter-independent part: residential rows per unit and block centres. */
export interface PreparedCoverage {
  area: PreparedArea;
  sites: BlockSite[];
}

export function prepareCoverage(
  inputs: Pick<CoverageInputs, 'subdistricts' | 'residential'>,
  rowSpacingM?: number,
): PreparedCoverage {
  const units = sortedUnits(inputs.subdistricts.features as Feature<Geometry, { name: string }>[]);
  const area = prepareArea(units, inputs.residential.features, rowSpacingM);
  return { area, sites: blockSites(inputs.residential.features, area.projection) };
}

/** Units in the action plan's order; names it does not list go last. */
function sortedUnits<F extends Feature<Geometry, { name: string }>>(units: F[]): F[] {
  const rank = (f: F) => {
    const i = (SUBDISTRICT_NAMES as readonly string[]).indexOf(f.properties.name);
    return i < 0 ? SUBDISTRICT_NAMES.length : i;
  };
  return [...units].sort((a, b) => rank(a) - rank(b));
}

/**
 * Parks with their service radius by size; forest and other green only when asked;
 * greenways with their own radius when asked (the city check-up counts them at 1 km).
 */
export function parkFacilities(
  parks: AppFeatureCollection,
  p: CoverageParameters,
  greenways?: AppFeatureCollection,
): FacilityReach[] {
  const fromParks = parks.features.flatMap((park) => {
    if (!park.properties.counts_as_park && !p.includeForest) return [];
    const radiusM = parkServiceRadiusMeters(Number(park.properties.area_m2), p);
    return radiusM === null ? [] : [{ geometry: park.geometry, radiusM }];
  });
  if (!p.includeGreenways || !greenways) return fromParks;
  return [
    ...fromParks,
    ...greenways.features.map((g) => ({ geometry: g.geometry, radiusM: p.greenwayRadiusMeters })),
  ];
}

/** The schools serving a level, each reaching that level's radius, with its id. */
export function schoolReaches(
  schools: AppFeatureCollection,
  level: ServedSchoolLevel,
  p: CoverageParameters,
): (FacilityReach & { id: string })[] {
  const radiusM = p[SCHOOL_RADIUS_PARAMETER[level]] as number;
  return schoolsOfLevel(schools, level, p.includeUnverifiedSchools).map((s) => ({
    id: String(s.properties.id),
    geometry: s.geometry,
    radiusM,
  }));
}

/** The schools counting for a level: those serving it, and unverified ones when included. */
export function schoolsOfLevel(
  schools: AppFeatureCollection,
  level: ServedSchoolLevel,
  includeUnverified: boolean,
) {
  return schools.features.filter((s) =>
    countedLevels(s.properties, includeUnverified).includes(level),
  );
}

/** Per unit and (last) for the whole area: residential land within reach of the facilities. */
export function indicatorCoverage(
  prepared: PreparedCoverage,
  facilities: FacilityReach[],
): UnitCoverage[] {
  const perUnit = measureCoverage(prepared.area, reachRows(prepared.area, facilities));
  return [...perUnit, totalCoverage(WHOLE_AREA_NAME, perUnit)];
}

/**
 * Parking per unit and for the whole area: share of residential land within the radius of a
 * car park, and the distance from each block's centre to the nearest one. Units without
 * car-park data get nulls — never 0% — and the whole area covers only the measured units.
 */
export function parkingFigures(
  prepared: PreparedCoverage,
  inputs: Pick<CoverageInputs, 'carParks' | 'parkingUnits'>,
  radiusM: number,
): ParkingFigure[] {
  return parkingMeasures(prepared, inputs, radiusM).figures;
}

/**
 * The parking figures together with what they rest on, for callers that draw them: the
 * coverage rows (units, then the whole area, all units counted) and each block's nearest
 * car park (in the order of `prepared.sites`).
 */
export function parkingMeasures(
  prepared: PreparedCoverage,
  inputs: Pick<CoverageInputs, 'carParks' | 'parkingUnits'>,
  radiusM: number,
): { figures: ParkingFigure[]; coverage: UnitCoverage[]; nearest: NearestFacility[] } {
  const carParks = inputs.carParks?.features ?? [];
  const measured = new Set(carParks.length > 0 ? inputs.parkingUnits : []);
  const allUnits = indicatorCoverage(
    prepared,
    carParks.map((c) => ({ geometry: c.geometry, radiusM })),
  );
  const nearest = nearestFacilities(
    prepared.sites,
    carParks.map((c) => toPlanarShape(c.geometry, prepared.area.projection)),
  );
  const figures = parkingFiguresFrom(prepared, allUnits, nearest, measured);
  return { figures, coverage: allUnits, nearest };
}

/**
 * The parking figures from measured parts: coverage per unit (units first, as
 * indicatorCoverage returns them), each block's nearest car park, and the units whose data
 * can be measured. Unmeasured units get nulls; the whole area covers the measured ones.
 */
export function parkingFiguresFrom(
  prepared: PreparedCoverage,
  coverage: UnitCoverage[],
  nearest: NearestFacility[],
  measured: ReadonlySet<string>,
): ParkingFigure[] {
  const names = prepared.area.unitNames;
  const figureFor = (units: string[]): ParkingFigure => {
    const covered = coverage.slice(0, names.length).filter((c) => units.includes(c.name));
    if (covered.length === 0) {
      return {
        covered_m2: null,
        share: null,
        mean_distance_m: null,
        max_distance_m: null,
        units_measured: [],
      };
    }
    const total = totalCoverage(WHOLE_AREA_NAME, covered);
    const distances = distanceSummary(
      prepared.sites.flatMap((site, i) =>
        site.unit !== null && units.includes(site.unit)
          ? [{ areaM2: site.areaM2, distanceM: nearest[i]!.distanceM }]
          : [],
      ),
    );
    return {
      covered_m2: total.coveredM2,
      share: total.share,
      mean_distance_m: distances.meanDistanceM,
      max_distance_m: distances.maxDistanceM,
      units_measured: units,
    };
  };
  return [
    ...names.map((name) => figureFor(measured.has(name) ? [name] : [])),
    figureFor(names.filter((name) => measured.has(name))),
  ];
}

const figure = (c: UnitCoverage): CoverageFigure => ({ covered_m2: c.coveredM2, share: c.share });

/** The coverage table: one row per unit, then the whole area. */
export function coverageReport(
  inputs: CoverageInputs,
  p: CoverageParameters,
  prepared: PreparedCoverage = prepareCoverage(inputs),
): CoverageRow[] {
  const parks = indicatorCoverage(prepared, parkFacilities(inputs.parks, p, inputs.greenways));
  const school = (level: ServedSchoolLevel) =>
    indicatorCoverage(prepared, schoolReaches(inputs.schools, level, p));
  const kindergarten = school('kindergarten');
  const primary = school('primary');
  const middle = school('middle');
  const parking = parkingFigures(prepared, inputs, p.parkingRadiusMeters);
  return parks.map((row, i) => ({
    name: row.name,
    residential_area_m2: row.residentialAreaM2,
    parks: figure(row),
    kindergarten: figure(kindergarten[i]!),
    primary: figure(primary[i]!),
    middle: figure(middle[i]!),
    parking: parking[i]!,
  }));
}
