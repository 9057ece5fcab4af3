import { INDICATOR_DATA_LAYER, type KnownExtent } from '../data/completeness';
import { countedLevels } from '../data/school_levels';
import type { AppFeatureCollection } from '../data/schema';
import type { CoverageParameters } from './coverage_parameters';
import type { CoverageInputs } from './coverage_report';
import { type KnownRows, knownRows } from './known_land';
import { parkServiceRadiusMeters } from './park_service_radius';
import type { FacilityReach, PreparedArea } from './rows/row_coverage';

/**
 * The coverage indicators, defined once: which facilities serve each one, how far, and where
 * its facility data is known. Both distance kernels measure the same definition — rows/ in a
 * straight line, network/ along the walking network — so the two figures of an indicator
 * differ only in how distance is measured.
 */
export const SERVED_SCHOOL_LEVELS = ['kindergarten', 'primary', 'middle'] as const;
export type ServedSchoolLevel = (typeof SERVED_SCHOOL_LEVELS)[number];

/** In the report's column order. */
export const INDICATORS = ['parks', ...SERVED_SCHOOL_LEVELS, 'parking'] as const;
export type Indicator = (typeof INDICATORS)[number];

export const SCHOOL_RADIUS_PARAMETER: Record<ServedSchoolLevel, keyof CoverageParameters> = {
  kindergarten: 'kindergartenRadiusMeters',
  primary: 'primaryRadiusMeters',
  middle: 'middleRadiusMeters',
};

/** The facilities serving an indicator, each with its service radius. */
export function servingFacilities(
  inputs: Pick<CoverageInputs, 'parks' | 'greenways' | 'schools' | 'carParks'>,
  p: CoverageParameters,
  indicator: Indicator,
): FacilityReach[] {
  if (indicator === 'parks') return parkFacilities(inputs.parks, p, inputs.greenways);
  if (indicator === 'parking') return carParkFacilities(inputs.carParks, p);
  return schoolReaches(inputs.schools, indicator, p);
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

/** Public car parks, each reaching the parking radius, with its id. */
export function carParkFacilities(
  carParks: AppFeatureCollection | null,
  p: Pick<CoverageParameters, 'parkingRadiusMeters'>,
): (FacilityReach & { id: string })[] {
  return (carParks?.features ?? []).map((c) => ({
    id: String(c.properties.id),
    geometry: c.geometry,
    radiusM: p.parkingRadiusMeters,
  }));
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

/**
 * Where an indicator's facility data is known complete (undefined: everywhere). Without any
 * car park, nothing is known of parking.
 */
export function indicatorKnownExtent(
  inputs: Pick<CoverageInputs, 'carParks' | 'knownExtents'>,
  indicator: Indicator,
): KnownExtent | undefined {
  if (indicator === 'parking' && (inputs.carParks?.features.length ?? 0) === 0) {
    return { boxes: [], units: [] };
  }
  return inputs.knownExtents[INDICATOR_DATA_LAYER[indicator]];
}

/**
 * Per row of a sampled area (the straight-line rows, or the network's samples' rows), the
 * residential land where the indicator's facility data is known complete.
 */
export function indicatorKnownRows(
  sampled: { area: PreparedArea },
  inputs: Pick<CoverageInputs, 'carParks' | 'knownExtents'>,
  indicator: Indicator,
): KnownRows {
  return knownRows(sampled.area, indicatorKnownExtent(inputs, indicator));
}
