import type { ParkRadiusRule } from './park_service_radius';

export interface CoverageParameters extends ParkRadiusRule {
  /** Count forest and other non-park green as parks (to see the difference). */
  includeForest: boolean;
  /** Count greenways, as the national city check-up does, with their own radius. */
  includeGreenways: boolean;
  /** Count schools whose levels are unverified for their likely levels. */
  includeUnverifiedSchools: boolean;
  greenwayRadiusMeters: number;
  kindergartenRadiusMeters: number;
  primaryRadiusMeters: number;
  middleRadiusMeters: number;
  parkingRadiusMeters: number;
}

/** Defaults from the standards: MOHURD 2021 city check-up; GB 50180; GB 50220-95. */
export const DEFAULT_COVERAGE_PARAMETERS: CoverageParameters = {
  largeParkMinAreaM2: 5000,
  largeRadiusMeters: 500,
  smallParkMinAreaM2: 2000,
  smallRadiusMeters: 300,
  includeForest: false,
  includeGreenways: false,
  includeUnverifiedSchools: false,
  greenwayRadiusMeters: 1000,
  kindergartenRadiusMeters: 300,
  primaryRadiusMeters: 500,
  middleRadiusMeters: 1000,
  parkingRadiusMeters: 300,
};

export type NumericParameter = Exclude<
  keyof CoverageParameters,
  'includeForest' | 'includeGreenways' | 'includeUnverifiedSchools'
>;

/**
 * The outside names of the numeric parameters: `npm run report --<name>` flags and URL
 * parameters of a shared link use the same words.
 */
export const PARAMETER_NAMES: Record<string, NumericParameter> = {
  'park-radius': 'largeRadiusMeters',
  'park-min-area': 'largeParkMinAreaM2',
  'small-park-radius': 'smallRadiusMeters',
  'small-park-min-area': 'smallParkMinAreaM2',
  'kindergarten-radius': 'kindergartenRadiusMeters',
  'primary-radius': 'primaryRadiusMeters',
  'middle-radius': 'middleRadiusMeters',
  'parking-radius': 'parkingRadiusMeters',
  'greenway-radius': 'greenwayRadiusMeters',
};

export const INCLUDE_FOREST_NAME = 'include-forest';
export const INCLUDE_GREENWAYS_NAME = 'include-greenways';
/** Unverified schools counted: `unverified-schools=1` in a link, this flag in the report. */
export const UNVERIFIED_SCHOOLS_LINK_NAME = 'unverified-schools';
export const INCLUDE_UNVERIFIED_SCHOOLS_FLAG = 'include-unverified-schools';

const RADIUS_LIMITS = { min: 10, max: 5_000 } as const;
const AREA_LIMITS = { min: 1, max: 100_000 } as const;

/**
 * The range each numeric parameter may take, inclusive: radii 10 m–5 km (the whole area is
 * about 15 km across), park-size thresholds 1 m²–10 ha. The report's flags, a link's
 * parameters and the analysis panel's fields all hold to these.
 */
export const PARAMETER_LIMITS: Record<NumericParameter, { min: number; max: number }> = {
  largeParkMinAreaM2: AREA_LIMITS,
  smallParkMinAreaM2: AREA_LIMITS,
  largeRadiusMeters: RADIUS_LIMITS,
  smallRadiusMeters: RADIUS_LIMITS,
  greenwayRadiusMeters: RADIUS_LIMITS,
  kindergartenRadiusMeters: RADIUS_LIMITS,
  primaryRadiusMeters: RADIUS_LIMITS,
  middleRadiusMeters: RADIUS_LIMITS,
  parkingRadiusMeters: RADIUS_LIMITS,
};

/** Whether one value is acceptable for a parameter: a finite number inside its range. */
export function isValidParameterValue(parameter: NumericParameter, value: number): boolean {
  const { min, max } = PARAMETER_LIMITS[parameter];
  return Number.isFinite(value) && value >= min && value <= max;
}

/** Problems with a whole parameter set, by parameter; empty when it can be used. */
export function parameterProblems(
  p: CoverageParameters,
): Partial<Record<NumericParameter, 'range' | 'smallAboveLarge'>> {
  const problems: Partial<Record<NumericParameter, 'range' | 'smallAboveLarge'>> = {};
  for (const key of Object.values(PARAMETER_NAMES)) {
    if (!isValidParameterValue(key, p[key])) problems[key] = 'range';
  }
  if (!problems.smallParkMinAreaM2 && p.smallParkMinAreaM2 > p.largeParkMinAreaM2) {
    problems.smallParkMinAreaM2 = 'smallAboveLarge';
  }
  return problems;
}
